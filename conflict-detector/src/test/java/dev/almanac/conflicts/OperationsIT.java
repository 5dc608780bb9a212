package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.intake.ResourceBookings;
import dev.almanac.conflicts.intake.RulesByScope;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.OccurrenceBatches;
import dev.almanac.platform.openapi.OpenApiSnapshot;
import dev.almanac.platform.streams.StreamsLifecycle;
import dev.almanac.platform.testing.TopicReader;

/**
 * What operators rely on: poison is set aside without stopping the partition, the state survives
 * the loss of its local copy, and the service reports on itself.
 */
class OperationsIT extends IntegrationTestSupport {

    /** The topics this test's service creates: the default count (ADR 0069). */
    private static final int PARTITIONS = AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    StreamsLifecycle streams;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    /**
     * Small fetches hand a task an item or a booking behind a few occurrences of a burst, not a thousand, and small
     * polls let a thread busy with a burst read a booking for its resource sooner (ADR 0063).
     */
    @Test
    void theStreamsMainConsumerFetchesAndPollsSmallChunksAndTheRestoreConsumerDoesNot() {
        assertThat(kafka.buildStreamsProperties()).containsEntry("main.consumer.max.partition.fetch.bytes", String.valueOf(OccurrenceBatches.MAX_BATCH_BYTES))
                .containsEntry("main.consumer.max.poll.records", "250")
                .doesNotContainKey("restore.consumer.max.partition.fetch.bytes")
                .doesNotContainKey("restore.consumer.max.poll.records")
                .doesNotContainKey("max.partition.fetch.bytes")
                .doesNotContainKey("max.poll.records");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRecordsBehindThemAreStillHandled() throws Exception {
        CalendarId hall = newCalendar();
        ItemScheduled valid = itemScheduled(hall, "item-" + hall + "-a", "A", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z");
        ProducerRecord<String, byte[]> validRecord = codec.toRecord(metadataFor(valid, 0), valid);
        template.send(new ProducerRecord<>(Topics.SCHEDULE, null, hall.value(),
                "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8), validRecord.headers())).get();
        ItemScheduled backwards = itemScheduled(hall, "item-" + hall + "-backwards", "Backwards",
                "2026-12-01T10:00:00Z", "2026-12-01T09:00:00Z");
        publish(backwards, 0);

        publish(calendarCreated(hall, CalendarType.DEPARTMENT, 1), 0);
        publish(valid, 0);
        publish(itemScheduled(hall, "item-" + hall + "-b", "B", "2026-12-01T09:30:00Z", "2026-12-01T11:00:00Z"), 0);

        try (TopicReader deadLetters = new TopicReader(bootstrapServers(), Topics.deadLetter(Topics.SCHEDULE));
             TopicReader conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS)) {
            var dead = await().atMost(PATIENCE).until(() -> deadLetters.withKey(hall.value()), records -> records.size() >= 2);
            assertThat(dead).extracting(record -> header(record, "kafka_dlt-exception-message"))
                    .satisfiesExactly(
                            message -> assertThat(message).contains("value is not a valid dev.almanac.schedule.ItemScheduled.v1"),
                            message -> assertThat(message).contains("ends at 2026-12-01T09:00:00Z, which is not after its start"));
            assertThat(dead).extracting(record -> header(record, "kafka_dlt-original-topic")).containsOnly(Topics.SCHEDULE);

            ConsumerRecord<String, byte[]> conflict = await().atMost(PATIENCE)
                    .until(() -> conflicts.withKey(hall.value()), records -> !records.isEmpty()).get(0);
            assertThat(decode(conflict).event()).isInstanceOfSatisfying(ConflictDetected.class, event ->
                    assertThat(event.entries()).extracting(entry -> entry.title()).containsExactly("A", "B"));
        }
    }

    @Test
    void reportsProbesMetricsAndItsApiDocument() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        publish(calendarCreated(newCalendar(), CalendarType.VENUE, 1), 0);

        HttpResponse<String> liveness = get(http, "/actuator/health/liveness");
        HttpResponse<String> apiDocs = get(http, "/v3/api-docs");

        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> readiness = get(http, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"kafkaStreams\":{\"status\":\"UP\"");
        });
        assertThat(apiDocs.statusCode()).as(apiDocs.body()).isEqualTo(200);
        assertThat(apiDocs.body()).contains("Almanac conflict-detector");
        OpenApiSnapshot.assertPathsMatch(apiDocs.body(), "conflict-detector", "/api/v1/conflicts/{id}/resolve",
                "/api/v1/conflicts/{id}/escalate", "/api/v1/conflicts/{id}/dismiss", "/api/v1/conflicts/detect");
        assertThat(get(http, "/actuator/prometheus").body())
                .contains("almanac_conflicts_detected_total")
                .contains("almanac_conflicts_cleared_total")
                .contains("almanac_conflicts_record_handling_seconds_count{")
                .contains("almanac_conflicts_records_total{")
                .contains("almanac_conflicts_streams_alive{");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(http, "/actuator/prometheus").body())
                .contains("kafka_stream_thread_process_total"));
    }

    /**
     * Each task owns partition p of all three topics, so a calendar's facts meet in one task's stores;
     * partition p of the command topic, so that a lifecycle command is decided on those stores; and
     * partition p of the booking topic, so that a resource's bookings meet its own events (ADR 0026); and
     * partition p of the link topic, so that both sides of a pair meet (ADR 0061); and partition p of the rules by scope,
     * so that a calendar's or resource's rules meet its entries or bookings (ADR 0069).
     */
    @Test
    void eachTaskOwnsTheSamePartitionOfEveryConsumedTopic() {
        await().atMost(PATIENCE).until(() -> streams.state().orElse(null), KafkaStreams.State.RUNNING::equals);

        List<TaskMetadata> tasks = streams.streams().orElseThrow().metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .toList();

        assertThat(tasks).filteredOn(task -> task.taskId().subtopology() == 0).hasSize(PARTITIONS).allSatisfy(task -> {
            assertThat(task.topicPartitions()).extracting(TopicPartition::topic)
                    .containsExactlyInAnyOrder(Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS, CommandTopics.COMMANDS,
                            ResourceBookings.TOPIC, LinkSides.TOPIC, RulesByScope.TOPIC);
            assertThat(task.topicPartitions()).extracting(TopicPartition::partition).containsOnly(task.taskId().partition());
        });
        // Rule intake, by rule id, in tasks of its own (ADR 0069).
        assertThat(tasks).filteredOn(task -> task.taskId().subtopology() != 0).hasSize(PARTITIONS).allSatisfy(task ->
                assertThat(task.topicPartitions()).containsExactly(new TopicPartition(Topics.RULES, task.taskId().partition())));
        assertThat(streams.streams().orElseThrow().metadataForLocalThreads())
                .allSatisfy(thread -> assertThat(thread.consumerClientId()).startsWith("conflict-detector-"));
    }

    /**
     * The local stores are a cache of the changelogs: with the state directory gone, a restart
     * restores every calendar, entry and conflict, so an old entry still clashes and an old
     * conflict is not announced again.
     */
    @Test
    void aRestartWithoutLocalStateRestoresItFromTheChangelogs() throws Exception {
        CalendarId hall = newCalendar();
        publish(calendarCreated(hall, CalendarType.VENUE, 1), 0);
        publish(itemScheduled(hall, "item-" + hall + "-a", "A", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        publish(itemScheduled(hall, "item-" + hall + "-b", "B", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z"), 0);
        try (TopicReader conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS)) {
            await().atMost(PATIENCE).until(() -> conflicts.withKey(hall.value()), records -> records.size() == 1);
            await().atMost(PATIENCE).until(() -> streams.state().orElse(null), KafkaStreams.State.RUNNING::equals);

            streams.stop();
            // Kafka Streams' own gauges went with the client; the service's own reads 0 until it runs again.
            assertThat(meters.get("almanac.conflicts.streams.alive").gauge().value()).isZero();
            assertThat(meters.find("kafka.stream.alive.stream.threads").gauges()).isEmpty();
            try (Stream<Path> files = Files.walk(STATE_DIRECTORY)) {
                files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(STATE_DIRECTORY)).map(Path::toFile)
                        .forEach(File::delete);
            }
            streams.start();
            await().atMost(PATIENCE).until(() -> streams.state().orElse(null), KafkaStreams.State.RUNNING::equals);
            assertThat(meters.get("almanac.conflicts.streams.alive").gauge().value()).isEqualTo(1.0);
            publish(itemScheduled(hall, "item-" + hall + "-e", "E", "2026-12-01T09:00:00Z", "2026-12-01T09:15:00Z"), 0);

            List<ConsumerRecord<String, byte[]>> records = await().atMost(PATIENCE)
                    .until(() -> conflicts.withKey(hall.value()), found -> found.size() >= 2);
            assertThat(records).hasSize(2);
            assertThat(decode(records.get(1)).event()).isInstanceOfSatisfying(ConflictDetected.class, detected ->
                    assertThat(detected.entries()).extracting(entry -> entry.title()).containsExactly("A", "E"));
            assertThat(header(records.get(1), CloudEventHeaders.AGGREGATE_VERSION)).isEqualTo("0");
        }
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
