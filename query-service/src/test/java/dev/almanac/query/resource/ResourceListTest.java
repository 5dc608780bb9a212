package dev.almanac.query.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.query.support.Received;

/** The resource list is newest-wins per resource, and a change that lists nothing new leaves it as it is. */
class ResourceListTest {

    private static final ResourceCreated CREATED = EventSamples.resourceCreated();
    private static final ResourceView AT_0 = ResourceView.created(CREATED, Received.metadata(CREATED, 0, Received.TIME));
    private static final ResourceView AT_1 = AT_0.markedUnavailable(EventSamples.resourceMarkedUnavailable(),
            Received.metadata(EventSamples.resourceMarkedUnavailable(), 1, Received.TIME));

    @Test
    void aResourceIsListedOnceWithWhatItIsAndAppliedAgainChangesNothing() {
        Map<String, List<ResourceView>> changes = new LinkedHashMap<>();
        ResourceListPlacements.plan(List.of(AT_0), changes);

        ResourceList once = ResourceList.emptyOf(ResourceList.ALL).withAll(changes.get(ResourceList.ALL));

        assertThat(changes).containsOnlyKeys(ResourceList.ALL);
        assertThat(once.resources()).containsOnlyKeys(CREATED.resourceId().value());
        assertThat(once.resources().get(CREATED.resourceId().value())).isEqualTo(new ResourceList.Listed("Ceiling projector",
                ResourceType.EQUIPMENT, ZoneId.of("America/New_York"), "4K, ballroom ceiling mount", 0));
        assertThat(once.withAll(changes.get(ResourceList.ALL))).isSameAs(once);
    }

    /** Marking availability lists nothing new: the list is not written again for it, and an older state applied late is ignored. */
    @Test
    void aNewerStateWithTheSameFactsAndAnOlderOneLeaveTheListAsItIs() {
        ResourceList listed = ResourceList.emptyOf(ResourceList.ALL).withAll(List.of(AT_0));

        assertThat(listed.withAll(List.of(AT_1))).isSameAs(listed);
        ResourceList renamed = listed.withAll(List.of(new ResourceView(AT_1.id(), "Projector (spare)", AT_1.type(), AT_1.timezone(), null,
                AT_1.unavailable(), AT_1.createdAt(), 1)));
        assertThat(renamed.resources().get(AT_0.id()).name()).isEqualTo("Projector (spare)");
        assertThat(renamed.withAll(List.of(AT_0))).isSameAs(renamed);
    }

    @Test
    void theCodecReadsBackWhatItWroteWithDottedIdsAndWithoutADescription() {
        ResourceCreated dotted = new ResourceCreated(ResourceId.of("res.room-1"), "Room 1", ResourceType.VENUE, ZoneId.of("Asia/Kathmandu"), null);
        ResourceList list = ResourceList.emptyOf(ResourceList.ALL)
                .withAll(List.of(AT_1, ResourceView.created(dotted, Received.metadata(dotted, 0, Received.TIME))));
        ResourceListCodec codec = new ResourceListCodec();

        assertThat(codec.decode(codec.encode(list))).isEqualTo(list);
        assertThat(codec.encode(list).get(ResourceListCodec.RESOURCES, org.bson.Document.class)).containsKeys("res%2Eroom-1", "res-projector");
        assertThat(codec.id(list)).isEqualTo("*");
    }
}
