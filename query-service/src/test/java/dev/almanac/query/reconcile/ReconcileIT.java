package dev.almanac.query.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.calendar.Calendars;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The reconcile against the real topics and store: entities whose documents agree with their events are not named; a
 * document deleted or altered behind the projection's back is named in the report, counted by the drift gauge and by
 * {@code POST /actuator/reconcile}, until it is repaired. The topics hold every other test's records too, so the
 * assertions are about this test's entities and the gauge's floor.
 */
class ReconcileIT extends EmbeddedQueryService {

    /** Other tests may leave a listener behind on a partition of theirs; this test's own records are awaited anyway. */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Instant TEN = Instant.parse("2026-12-04T10:00:00Z");

    @Autowired
    ReadModelReconciler reconciler;

    @Autowired
    EventPublisher events;

    @Autowired
    MongoDatabase database;

    @Autowired
    MeterRegistry meters;

    @Test
    void aDeletedOrAlteredDocumentIsNamedAndCountedUntilItIsRepaired() {
        String calendar = unique("cal-reconcile");
        ItemScheduled deleted = ReadModelFixture.item(unique("item"), calendar, "meeting", TEN, Duration.ofHours(1));
        ItemScheduled altered = ReadModelFixture.item(unique("item"), calendar, "meeting", TEN.plus(Duration.ofHours(2)), Duration.ofHours(1));
        RepublishedHistory history = new RepublishedHistory(events, database)
                .publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Lisbon")), 0, "evt-" + calendar)
                .publish(deleted, 0, "evt-" + deleted.itemId().value())
                .publish(altered, 0, "evt-" + altered.itemId().value());
        Set<String> ours = Set.of(calendar, deleted.itemId().value(), altered.itemId().value());

        reconciler.reconcile(CATCH_UP);
        assertThat(driftedIds()).as("entities whose documents agree with their events").doesNotContainAnyElementsOf(ours);

        Mono.from(database.getCollection(Entries.COLLECTION).deleteOne(Filters.eq("_id", deleted.itemId().value()))).block(Duration.ofSeconds(5));
        Mono.from(database.getCollection(Entries.COLLECTION).updateOne(Filters.eq("_id", altered.itemId().value()), Updates.set("version", 7L)))
                .block(Duration.ofSeconds(5));
        JsonNode answer = client.post().uri("/actuator/reconcile").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(reconciler.lastDrifts().get(Entries.COLLECTION))
                .contains(new Drift(deleted.itemId().value(), Drift.MISSING, 0L, null), new Drift(altered.itemId().value(), Drift.AHEAD, 0L, 7L));
        assertThat(reconciler.lastDrifts().get(Calendars.COLLECTION)).extracting(Drift::id).doesNotContain(calendar);
        assertThat(meters.get("almanac.read_model.drift").tag("model", Entries.COLLECTION).gauge().value()).isGreaterThanOrEqualTo(2);
        assertThat(answer).isNotNull();
        assertThat(answer.at("/models/entries/missing").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(answer.at("/models/entries/ahead").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(answer.at("/models/entries/drift").asLong()).isGreaterThanOrEqualTo(2);
        client.get().uri("/actuator/reconcile").exchange().expectStatus().isOk();

        // Repaired: the lost item's events republished, the altered document rebuilt from them likewise.
        Mono.from(database.getCollection(Entries.COLLECTION).deleteOne(Filters.eq("_id", altered.itemId().value()))).block(Duration.ofSeconds(5));
        history.republish(Set.of(deleted.itemId().value(), altered.itemId().value()));
        reconciler.reconcile(CATCH_UP);
        assertThat(driftedIds()).as("repaired").doesNotContainAnyElementsOf(ours);
    }

    private List<String> driftedIds() {
        return reconciler.lastDrifts().values().stream().flatMap(List::stream).map(Drift::id).toList();
    }
}
