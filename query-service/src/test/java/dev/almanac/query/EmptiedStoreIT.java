package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelDocuments;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The read-model store emptied under the running service, its listeners untouched (the local stack's in-memory store
 * restarted, issue 74): the service notices, rebuilds every read model from the topics, and is ready again, without a
 * restart; a batch written into the emptied store before it noticed hides nothing (ADR 0014).
 */
// First of the module's ITs (junit-platform.properties): its two rebuilds read its own records, not every other class's.
@Order(1)
class EmptiedStoreIT extends EmbeddedQueryService {

    private static final Instant NINE = Instant.parse("2026-12-09T09:00:00Z");
    private static final String OFFSETS = "projected_offsets";
    private static final String MARK = "store-epoch";
    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(2);

    @Autowired
    MongoDatabase database;

    @Test
    void aStoreEmptiedUnderTheRunningServiceIsRebuiltWholeAndTheServiceIsReadyAgain() {
        String calendar = unique("cal");
        ItemScheduled first = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled second = ReadModelFixture.item(unique("item"), calendar, "job", NINE.plus(Duration.ofMinutes(30)), Duration.ofHours(2));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Lisbon")), 0);
        publish(first, 0);
        publish(second, 0);
        publish(new ItemRescheduled(first.itemId(), first.calendarId(), first.start(), first.end(),
                NINE.plus(Duration.ofHours(4)), NINE.plus(Duration.ofHours(5)), "room change"), 1);
        await().atMost(PROJECTION_DEADLINE).until(() -> entryVersion(first.itemId().value()) == 1);
        await().atMost(PROJECTION_DEADLINE).until(() -> epoch() != null);
        String epochBefore = epoch();
        awaitReady();

        // The in-memory store restarted: empty, while every listener runs on; then a record of another calendar is
        // written into it, raising the emptied store's projected_offsets before the service noticed.
        String unrelated = unique("cal");
        Mono.from(database.drop()).block(Duration.ofSeconds(10));
        assertThat(entryVersion(first.itemId().value())).as("emptied").isEqualTo(-1);
        publish(ReadModelFixture.calendar(unrelated, ZoneId.of("Europe/Lisbon")), 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> assertThat(epoch()).as("the store's new epoch").isNotNull()
                .isNotEqualTo(epochBefore));
        await().atMost(PROJECTION_DEADLINE).until(() -> entryVersion(first.itemId().value()) == 1
                && entryVersion(second.itemId().value()) == 0);
        awaitReady();
        assertThat(Mono.from(database.getCollection("calendars").find(new Document("_id", unrelated)).first())
                .block(Duration.ofSeconds(5))).as("the record written into the emptied store").isNotNull();
    }

    @Test
    void theStoreRebuiltIsTheStoreAsItWasDocumentForDocument() {
        String calendar = unique("cal");
        ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Lisbon")), 0);
        publish(item, 0);
        await().atMost(PROJECTION_DEADLINE).until(() -> entryVersion(item.itemId().value()) == 0);
        await().atMost(PROJECTION_DEADLINE).until(() -> epoch() != null);
        awaitReady();
        Map<String, List<Document>> live = readModels();
        String epochBefore = epoch();

        Mono.from(database.drop()).block(Duration.ofSeconds(10));

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> assertThat(epoch()).isNotNull().isNotEqualTo(epochBefore));
        // The rebuild reads again every record published into the shared topics: few, as this class runs first, but the
        // deadline holds for every class's, should it run after others.
        await().atMost(REBUILD_DEADLINE).untilAsserted(() -> client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk());
        await().atMost(REBUILD_DEADLINE).untilAsserted(() -> assertThat(readModels()).isEqualTo(live));
    }

    private void awaitReady() {
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk());
    }

    private long entryVersion(String itemId) {
        Document entry = Mono.from(database.getCollection("entries").find(new Document("_id", itemId)).first())
                .block(Duration.ofSeconds(5));
        return entry == null ? -1 : ((Number) entry.get("version")).longValue();
    }

    private String epoch() {
        Document mark = Mono.from(database.getCollection(OFFSETS).find(new Document("_id", MARK)).first()).block(Duration.ofSeconds(5));
        return mark == null ? null : mark.getString("epoch");
    }

    private Map<String, List<Document>> readModels() {
        return ReadModelDocuments.of(database);
    }
}
