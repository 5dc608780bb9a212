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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import reactor.core.publisher.Mono;

import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelDocuments;
import dev.almanac.query.support.ReadModelFixture;

/**
 * The read models are derived data: a store that loses them (here, a dropped database) is
 * rebuilt from the topics, document for document, although the consumer group's committed
 * offsets say everything was delivered already.
 */
// Second of the module's ITs, after EmptiedStoreIT (junit-platform.properties): its rebuild reads few records, and none
// from the classes whose read models it does not restart (the notifications' listener), which it would otherwise wait on.
@Order(2)
class RebuildIT extends EmbeddedQueryService {

    private static final Instant NINE = Instant.parse("2026-12-02T09:00:00Z");

    @Autowired
    MongoDatabase database;

    @Autowired
    ReadModelIndexes indexes;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aDroppedReadModelDatabaseIsRebuiltFromTheTopicsAsItWas() {
        String calendar = unique("cal");
        ItemScheduled first = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled second = ReadModelFixture.item(unique("item"), calendar, "job", NINE.plus(Duration.ofMinutes(30)), Duration.ofHours(2));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Asia/Kathmandu")), 0);
        publish(first, 0);
        publish(second, 0);
        publish(new ItemRescheduled(first.itemId(), first.calendarId(), first.start(), first.end(),
                NINE.plus(Duration.ofHours(4)), NINE.plus(Duration.ofHours(5)), "room change"), 1);
        await().atMost(PROJECTION_DEADLINE).until(() -> rescheduledInTheReadModel(first.itemId().value()));
        Map<String, List<Document>> live = readModels();
        assertThat(live.values().stream().mapToInt(List::size).sum()).isGreaterThan(4);

        // Every listener, each of its own topics (ADR 0068, ADR 0074): each rewinds what the emptied store no longer holds.
        MessageListenerContainer projection = listeners.getListenerContainer(Projections.LISTENER_ID);
        MessageListenerContainer missedRuns = listeners.getListenerContainer(Projections.MISSED_RUNS_LISTENER_ID);
        MessageListenerContainer rules = listeners.getListenerContainer(Projections.RULES_LISTENER_ID);
        projection.stop();
        missedRuns.stop();
        rules.stop();
        Mono.from(database.drop()).block(Duration.ofSeconds(10));
        indexes.ensureAll();
        assertThat(readModels().values()).allSatisfy(documents -> assertThat(documents).isEmpty());
        projection.start();
        missedRuns.start();
        rules.start();

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> assertThat(readModels()).isEqualTo(live));
    }

    private boolean rescheduledInTheReadModel(String itemId) {
        Document entry = Mono.from(database.getCollection("entries").find(new Document("_id", itemId)).first())
                .block(Duration.ofSeconds(5));
        return entry != null && ((Number) entry.get("version")).longValue() == 1;
    }

    private Map<String, List<Document>> readModels() {
        return ReadModelDocuments.of(database);
    }
}
