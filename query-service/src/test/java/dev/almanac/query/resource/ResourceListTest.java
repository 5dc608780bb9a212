package dev.almanac.query.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.query.support.Received;

/**
 * The resource list is newest-wins per resource, and lists a resource from the version it became what the list shows:
 * a change that lists nothing new, or the same events in other batches, leave it as it is.
 */
class ResourceListTest {

    private static final ResourceCreated CREATED = EventSamples.resourceCreated();
    private static final ResourceView AT_0 = ResourceView.created(CREATED, Received.metadata(CREATED, 0, Received.TIME));
    private static final ResourceView AT_1 = AT_0.markedUnavailable(EventSamples.resourceMarkedUnavailable(),
            Received.metadata(EventSamples.resourceMarkedUnavailable(), 1, Received.TIME));
    private static final ResourceView AT_2 = AT_1.markedAvailable(EventSamples.resourceMarkedAvailable(),
            Received.metadata(EventSamples.resourceMarkedAvailable(), 2, Received.TIME));

    @Test
    void aResourceIsListedOnceWithWhatItIsAndAppliedAgainChangesNothing() {
        ResourceList once = listed(ResourceList.emptyOf(ResourceList.ALL), AT_0);

        assertThat(once.resources()).containsOnlyKeys(CREATED.resourceId().value());
        assertThat(once.resources().get(CREATED.resourceId().value())).isEqualTo(new ResourceList.Listed("Ceiling projector",
                ResourceType.EQUIPMENT, ZoneId.of("America/New_York"), "4K, ballroom ceiling mount", 0));
        assertThat(listed(once, AT_0)).isSameAs(once);
    }

    /** Live, each event is a batch of its own; rebuilt, they come in one. The list ends the same, and marks never write it. */
    @Test
    void theSameEventsInOtherBatchesLeaveTheSameListAndMarkingsWriteNothing() {
        ResourceList live = listed(ResourceList.emptyOf(ResourceList.ALL), AT_0);
        assertThat(listed(live, AT_0, AT_1)).isSameAs(live);
        assertThat(listed(live, AT_1, AT_2)).isSameAs(live);

        ResourceList rebuilt = listed(ResourceList.emptyOf(ResourceList.ALL), AT_0, AT_1, AT_2);
        ResourceList fromTheMiddle = listed(ResourceList.emptyOf(ResourceList.ALL), AT_1, AT_2);

        assertThat(rebuilt).isEqualTo(live);
        assertThat(listed(live, AT_1, AT_2)).isEqualTo(live);
        assertThat(fromTheMiddle.resources().get(AT_0.id()).version()).as("listed from the oldest state the batch saw").isEqualTo(1);
    }

    @Test
    void aChangeOfWhatIsListedWinsAndAnOlderStateAppliedLateDoesNot() {
        ResourceList listed = listed(ResourceList.emptyOf(ResourceList.ALL), AT_0);
        ResourceView renamed = new ResourceView(AT_1.id(), "Projector (spare)", AT_1.type(), AT_1.timezone(), null,
                AT_1.unavailable(), AT_1.createdAt(), 3);

        ResourceList afterRename = listed(listed, AT_2, renamed);

        assertThat(afterRename.resources().get(AT_0.id())).isEqualTo(new ResourceList.Listed("Projector (spare)", ResourceType.EQUIPMENT,
                ZoneId.of("America/New_York"), null, 3));
        assertThat(listed(afterRename, AT_0)).isSameAs(afterRename);
    }

    @Test
    void theCodecReadsBackWhatItWroteWithDottedIdsAndWithoutADescription() {
        ResourceCreated dotted = new ResourceCreated(ResourceId.of("res.room-1"), "Room 1", ResourceType.VENUE, ZoneId.of("Asia/Kathmandu"), null);
        ResourceList list = listed(listed(ResourceList.emptyOf(ResourceList.ALL), AT_1),
                ResourceView.created(dotted, Received.metadata(dotted, 0, Received.TIME)));
        ResourceListCodec codec = new ResourceListCodec();

        assertThat(codec.decode(codec.encode(list))).isEqualTo(list);
        assertThat(codec.encode(list).get(ResourceListCodec.RESOURCES, Document.class)).containsOnlyKeys("res%2Eroom-1", "res-projector");
        assertThat(codec.encode(list).get(ResourceListCodec.RESOURCES, Document.class).get("res%2Eroom-1", Document.class)).doesNotContainKey("d");
        assertThat(codec.id(list)).isEqualTo("*");
    }

    /** {@code list} after a batch that saw the resource go through {@code states}, as the projection applies it. */
    private static ResourceList listed(ResourceList list, ResourceView... states) {
        Map<String, List<ResourceList.Placement>> changes = new LinkedHashMap<>();
        ResourceListPlacements.plan(List.of(states), changes);
        assertThat(changes).containsOnlyKeys(ResourceList.ALL);
        return list.withAll(changes.get(ResourceList.ALL));
    }
}
