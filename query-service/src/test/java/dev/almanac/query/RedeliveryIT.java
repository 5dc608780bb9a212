package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * At least once, applied exactly once: duplicated and late records change nothing, and a poison
 * record in the middle of a poll is dead-lettered alone while the records around it apply once.
 */
class RedeliveryIT extends EmbeddedQueryService {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    /**
     * After version 2 of an item, older versions arrive again carrying other data, as a replay of a
     * producer that was mid-way through a different history would: a creation with another title,
     * type and start, and a move to another time. Applying any of them would show in the entry, the
     * item and the window; an exact duplicate of version 2 would show in the reschedule count.
     */
    @Test
    void lateCopiesOfOlderVersionsWithOtherDataChangeNothing() {
        String calendar = unique("cal");
        ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemRescheduled moved = new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(),
                NINE.plus(Duration.ofHours(3)), NINE.plus(Duration.ofHours(4)), "clash with the gala");
        ItemRescheduled movedAgain = new ItemRescheduled(item.itemId(), item.calendarId(), moved.start(), moved.end(),
                NINE.plus(Duration.ofHours(5)), NINE.plus(Duration.ofHours(6)), "the gala moved too");
        ItemScheduled staleCreation = new ItemScheduled(item.itemId(), item.calendarId(), "stale title", "stale_type",
                NINE.plus(Duration.ofHours(8)), NINE.plus(Duration.ofHours(9)), ZoneId.of("Asia/Tokyo"), Priority.CRITICAL,
                List.of("stale"));
        ItemRescheduled staleMove = new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(),
                NINE.plus(Duration.ofHours(10)), NINE.plus(Duration.ofHours(11)), "stale reason");
        // Same calendar, so the same partition: once the sentinel shows, every record before it was applied.
        ItemScheduled sentinel = ReadModelFixture.item(unique("sentinel"), calendar, "meeting", NINE.plus(Duration.ofHours(6)), Duration.ofHours(1));

        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/London")), 0);
        publish(item, 0);
        publish(moved, 1);
        publish(movedAgain, 2);
        publish(staleCreation, 0);
        publish(staleMove, 1);
        publish(movedAgain, 2);
        publish(sentinel, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[?(@.id == '" + sentinel.itemId().value() + "')]").exists());

        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[1].id").isEqualTo(sentinel.itemId().value())
                .jsonPath("$.entries[0].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[0].title").isEqualTo(item.title())
                .jsonPath("$.entries[0].type").isEqualTo("meeting")
                .jsonPath("$.entries[0].start").isEqualTo(movedAgain.start().toString())
                .jsonPath("$.entries[0].version").isEqualTo(2)
                .jsonPath("$.entries[0].reschedule_count").isEqualTo(2);
        client.get().uri("/api/v1/schedules/{id}", item.itemId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.title").isEqualTo(item.title())
                .jsonPath("$.timezone").isEqualTo(item.timezone().getId())
                .jsonPath("$.priority").isEqualTo("normal")
                .jsonPath("$.tags[0]").isEqualTo(item.tags().get(0))
                .jsonPath("$.end").isEqualTo(movedAgain.end().toString())
                .jsonPath("$.previous_start").isEqualTo(moved.start().toString())
                .jsonPath("$.reschedule_reason").isEqualTo(movedAgain.reason())
                .jsonPath("$.reschedule_count").isEqualTo(2);
        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&granularity=hour&queue={id}",
                        calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(2)
                .jsonPath("$.buckets[14].job_count").isEqualTo(1)
                .jsonPath("$.buckets[15].job_count").isEqualTo(1)
                .jsonPath("$.buckets[17].job_count").isEqualTo(0)
                .jsonPath("$.buckets[19].job_count").isEqualTo(0)
                .jsonPath("$.buckets[14].job_types.meeting").isEqualTo(1)
                .jsonPath("$.buckets[17].job_types.stale_type").doesNotExist();
    }

    /**
     * A calendar's creation arrives again as an older version with another zone, and an item's
     * creation again at the same version with another title and time: neither may replace what
     * was applied first.
     */
    @Test
    void aRedeliveredCreationWithOtherDataKeepsWhatWasAppliedAndItsVersion() {
        String calendar = unique("cal");
        ItemScheduled first = ReadModelFixture.item(unique("item"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled firstRewritten = new ItemScheduled(first.itemId(), first.calendarId(), "rewritten title", "job",
                NINE.plus(Duration.ofHours(4)), NINE.plus(Duration.ofHours(5)), first.timezone(), first.priority(), first.tags());
        ItemScheduled sentinel = ReadModelFixture.item(ItemId.of(unique("sentinel")).value(), calendar, "meeting",
                NINE.plus(Duration.ofHours(2)), Duration.ofHours(1));

        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 4);
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Asia/Tokyo")), 3);
        publish(first, 0);
        publish(firstRewritten, 0);
        publish(sentinel, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[?(@.id == '" + sentinel.itemId().value() + "')]").exists());
        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[1].id").isEqualTo(sentinel.itemId().value())
                .jsonPath("$.entries[0].id").isEqualTo(first.itemId().value())
                .jsonPath("$.entries[0].title").isEqualTo(first.title())
                .jsonPath("$.entries[0].start").isEqualTo(NINE.toString())
                .jsonPath("$.entries[0].version").isEqualTo(0);
        client.get().uri("/api/v1/calendars/{id}", calendar).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectBody()
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.version").isEqualTo(4);
    }

    /**
     * The listener is paused while the records pile up, so that one poll holds them all: two
     * items, a poison record, an item and a move of the first item. The batch writes the first
     * two, names the poison's index; the platform's error handler commits the first two,
     * dead-letters the poison and delivers the rest again.
     */
    @Test
    void aPoisonRecordInTheMiddleOfAPollIsDeadLetteredAloneAndTheRecordsAroundItApplyOnce() throws Exception {
        String calendar = unique("cal");
        ItemScheduled first = ReadModelFixture.item(unique("first"), calendar, "meeting", NINE, Duration.ofHours(1));
        ItemScheduled second = ReadModelFixture.item(unique("second"), calendar, "job", NINE.plus(Duration.ofHours(1)), Duration.ofHours(1));
        ItemScheduled third = ReadModelFixture.item(unique("third"), calendar, "job", NINE.plus(Duration.ofHours(2)), Duration.ofHours(1));
        ItemRescheduled firstMoved = new ItemRescheduled(first.itemId(), first.calendarId(), first.start(), first.end(),
                NINE.plus(Duration.ofHours(5)), NINE.plus(Duration.ofHours(6)), "after the poison");
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 0);
        MessageListenerContainer container = listeners.getListenerContainer(Projections.LISTENER_ID);
        container.pause();
        await().atMost(PROJECTION_DEADLINE).until(container::isContainerPaused);

        long poisonOffset;
        try (TopicReader deadLetters = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                Topics.deadLetter(Topics.SCHEDULE))) {
            publish(first, 0);
            publish(second, 0);
            ProducerRecord<String, byte[]> valid = codec.toRecord(Received.metadata(first, 0, Received.TIME), first);
            poisonOffset = kafka.send(new ProducerRecord<>(Topics.SCHEDULE, null, calendar,
                    "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8), valid.headers())).get(10, TimeUnit.SECONDS)
                    .getRecordMetadata().offset();
            publish(third, 0);
            publish(firstMoved, 1);
            container.resume();

            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                    .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.entries.length()").isEqualTo(3)
                    .jsonPath("$.entries[0].id").isEqualTo(second.itemId().value())
                    .jsonPath("$.entries[1].id").isEqualTo(third.itemId().value())
                    .jsonPath("$.entries[2].id").isEqualTo(first.itemId().value())
                    .jsonPath("$.entries[2].version").isEqualTo(1)
                    .jsonPath("$.entries[2].reschedule_count").isEqualTo(1));
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(TopicReader.keyed(calendar), 1);

            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(ByteBuffer.wrap(record.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                        .isEqualTo(poisonOffset);
                assertThat(TopicReader.header(record, "almanac_dlt-exception-causes")).contains(PoisonMessageException.class.getName());
                assertThat(TopicReader.header(record, "kafka_dlt-exception-message")).contains("is not a valid");
                assertThat(record.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
            });
        } finally {
            container.resume();
        }
        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue={id}", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(3)
                .jsonPath("$.summary.peak_count").isEqualTo(3);
    }
}
