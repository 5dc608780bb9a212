package dev.almanac.query.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/**
 * What a republish of the event store (command-service's {@code POST /actuator/republish}) does to the read models: the
 * records come again with their {@code ce_id} and aggregate version, so a read model that holds them is left as it was,
 * document for document, with no entry doubled in any view, the change log or the audit trail; and an entity whose
 * document was lost is restored as it was.
 */
class RepublishedRecordsIT extends EmbeddedQueryService {

    /** The change log and each entity's last change in it (ChangeLog): a restored document is a change they record. */
    private static final Set<String> CHANGE_FEED = Set.of("change_log", "change_feed_entities");
    private static final Instant NINE = Instant.parse("2026-12-03T09:00:00Z");

    @Autowired
    EventPublisher events;

    @Autowired
    MongoDatabase database;

    @Test
    void republishedRecordsLeaveEveryReadModelAsItWasAndRestoreALostDocument() {
        String calendar = unique("cal-republish");
        ItemScheduled moved = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled lost = ReadModelFixture.item(unique("item"), calendar, "job", NINE.plus(Duration.ofMinutes(30)), Duration.ofHours(2));
        RepublishedHistory history = new RepublishedHistory(events, database)
                .publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Berlin")), 0, "evt-" + calendar)
                .publish(moved, 0, "evt-" + moved.itemId().value() + "-0")
                .publish(lost, 0, "evt-" + lost.itemId().value() + "-0")
                .publish(new ItemRescheduled(moved.itemId(), moved.calendarId(), moved.start(), moved.end(),
                        NINE.plus(Duration.ofHours(4)), NINE.plus(Duration.ofHours(5)), "room change"), 1, "evt-" + moved.itemId().value() + "-1");
        Map<String, List<Document>> held = history.readModels(Set.of());
        assertThat(held.get(Entries.COLLECTION)).extracting(document -> document.get("_id")).contains(moved.itemId().value(), lost.itemId().value());

        history.republish(Set.of(calendar, moved.itemId().value(), lost.itemId().value()));

        assertThat(history.readModels(Set.of())).as("every read model, the change log and the audit trail as they were").isEqualTo(held);

        Mono.from(database.getCollection(Entries.COLLECTION).deleteOne(Filters.eq("_id", lost.itemId().value()))).block(Duration.ofSeconds(5));
        history.republish(Set.of(lost.itemId().value()));

        // The restored entry is a change the change feed tells its clients, once more: the read model did change.
        assertThat(history.readModels(CHANGE_FEED)).as("the lost entry restored, nothing else changed")
                .isEqualTo(withoutChangeFeed(held));
    }

    private static Map<String, List<Document>> withoutChangeFeed(Map<String, List<Document>> readModels) {
        Map<String, List<Document>> without = new java.util.TreeMap<>(readModels);
        CHANGE_FEED.forEach(without::remove);
        return without;
    }
}
