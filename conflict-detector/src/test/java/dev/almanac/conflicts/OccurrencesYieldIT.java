package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.CompressionRatioEstimator;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.kafka.OccurrenceBatches;
import dev.almanac.platform.streams.StreamsLifecycle;
import dev.almanac.platform.testing.TopicReader;

/**
 * Within a task, occurrences yield to the other facts (ADR 0063): a double booking published after a
 * backlog of occurrences on its partition is detected before the occurrences published ahead of it. The occurrences are
 * backfill runs, which the rules do not determine and which the detector reads as entries from their copy on the
 * missed-runs topic (ADR 0072); in-series ones it computes from the rules and never reads (ADR 0069).
 */
class OccurrencesYieldIT extends IntegrationTestSupport {

    /** Occurrences published after the clash, before the double booking: the rest of a burst. */
    private static final int BACKLOG = 500;
    private static final Instant FIRST_SLOT = Instant.parse("2027-03-01T00:00:00Z");
    /** The detector's consumer group: its Kafka Streams application id. */
    private static final String APPLICATION_ID = "conflict-detector";
    /** lz4's compressed bytes per uncompressed byte of occurrences at best (docs/benchmarks.md, the cold start's batches). */
    private static final float BEST_MEASURED_COMPRESSION_RATE = 0.137f;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    StreamsLifecycle streams;

    @Test
    void aDoubleBookingOvertakesTheOccurrencesPublishedBeforeItOnItsPartition() throws Exception {
        CalendarId busy = newCalendar();
        CalendarId quiet = calendarOnThePartitionOf(busy);
        publish(calendarCreated(busy, CalendarType.VENUE, 1), 0);
        publish(calendarCreated(quiet, CalendarType.VENUE, 1), 0);
        await().atMost(PATIENCE).until(() -> streams.state().orElse(null), KafkaStreams.State.RUNNING::equals);
        // After the restart, a partition whose group has no committed offset waits for an offset reset and is fetched
        // after the others: the task would then hold the occurrences without the items, whatever their order. A fact
        // on each of the two partitions, handled and committed first, gives both a position that one fetch asks for.
        publish(occurrence(busy, RuleId.of("rule-" + busy + "-earlier"), FIRST_SLOT.minus(Duration.ofDays(30))), 0);
        publish(itemScheduled(quiet, "item-" + quiet + "-earlier", "Earlier", "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z"), 0);
        awaitCommitted(busy, Topics.MISSED_RUNS, Topics.SCHEDULE);

        // Stopped, the detector finds a burst of occurrences and then a double booking waiting on its partition.
        long clashSent;
        long clashAcknowledged;
        streams.stop();
        try (KafkaProducer<String, byte[]> ruleExpander = publishingAsRuleExpanderDoes()) {
            // The burst's first two occurrences clash; a task that holds them and the items at once would, in timestamp
            // order, take the clash first. They open the burst's first batch, which the task's first fetch holds whole:
            // as many occurrences as rule-expander's batches can hold come in it, ahead of the items.
            RuleId hourly = RuleId.of("rule-" + busy + "-backlog");
            OccurrenceMaterialized clash = occurrence(busy, RuleId.of("rule-" + busy + "-clash"), FIRST_SLOT.plus(Duration.ofMinutes(5)));
            List<CompletableFuture<?>> sent = new ArrayList<>();
            publishInto(sent, ruleExpander, occurrence(busy, hourly, FIRST_SLOT));
            clashSent = System.currentTimeMillis();
            publishInto(sent, ruleExpander, clash);
            for (int slot = 1; slot <= BACKLOG; slot++) {
                publishInto(sent, ruleExpander, occurrence(busy, hourly, FIRST_SLOT.plus(Duration.ofMinutes(10L * (slot + 1)))));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            clashAcknowledged = System.currentTimeMillis();

            publish(itemScheduled(quiet, "item-" + quiet + "-a", "A", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
            publish(itemScheduled(quiet, "item-" + quiet + "-b", "B", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z"), 0);
        } finally {
            streams.start();
        }

        try (TopicReader conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS)) {
            ConsumerRecord<String, byte[]> items = await().atMost(PATIENCE)
                    .until(() -> conflicts.withKey(quiet.value()), found -> !found.isEmpty()).get(0);
            ConsumerRecord<String, byte[]> occurrences = await().atMost(PATIENCE)
                    .until(() -> conflicts.withKey(busy.value()), found -> !found.isEmpty()).get(0);
            assertThat(decode(items).event()).isInstanceOf(ConflictDetected.class);
            assertThat(decode(occurrences).event()).isInstanceOf(ConflictDetected.class);
            assertThat(items.partition()).isEqualTo(occurrences.partition());
            assertThat(items.offset()).as("the items' conflict is published before the clash's").isLessThan(occurrences.offset());
            assertThat(occurrences.timestamp()).as("the conflict carries the time its occurrence was published, not the time it was read as")
                    .isBetween(clashSent, clashAcknowledged);
        }
    }

    /** Until the detector's group has committed, on the calendar's partition of each topic, everything published to it. */
    private void awaitCommitted(CalendarId calendar, String... topics) throws Exception {
        int partition = partitionOf(calendar, template.partitionsFor(Topics.SCHEDULE).size());
        List<TopicPartition> partitions = Arrays.stream(topics).map(topic -> new TopicPartition(topic, partition)).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), any -> OffsetSpec.latest()))).all().get();
            await().atMost(PATIENCE).until(() -> admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(),
                    committed -> partitions.stream().allMatch(topicPartition -> committed.get(topicPartition) != null
                            && committed.get(topicPartition).offset() >= ends.get(topicPartition).offset()));
        }
    }

    private void publishInto(List<CompletableFuture<?>> sent, KafkaProducer<String, byte[]> producer, OccurrenceMaterialized occurrence) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, byte[]> copy = codec.toRecords(metadataFor(occurrence, 0), occurrence).stream()
                .filter(record -> record.topic().equals(Topics.MISSED_RUNS)).findFirst().orElseThrow();
        producer.send(copy, (metadata, failure) -> {
            if (failure == null) {
                acknowledged.complete(metadata);
            } else {
                acknowledged.completeExceptionally(failure);
            }
        });
        sent.add(acknowledged);
    }

    /**
     * A burst comes in rule-expander's compressed batches: how many occurrences a fetch holds depends on them (ADR 0037).
     * A producer closes a batch on its estimate of the topic's compression rate, which starts at 1 in a new JVM and
     * falls as batches compress; set to the best rate the cold start measured, the batches hold as many occurrences as
     * a long-running rule-expander's can.
     */
    private static KafkaProducer<String, byte[]> publishingAsRuleExpanderDoes() {
        CompressionRatioEstimator.setEstimation(Topics.MISSED_RUNS, CompressionType.forName(OccurrenceBatches.COMPRESSION),
                BEST_MEASURED_COMPRESSION_RATE);
        Map<String, Object> properties = new HashMap<>(OccurrenceBatches.producerProperties());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // rule-expander lingers 5 ms, and a pass of thousands of occurrences fills its batches within it; the burst here
        // is too short to, so the producer waits until a batch is full (or the burst is sent), as the worst case.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1_000);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private CalendarId calendarOnThePartitionOf(CalendarId other) {
        int partitions = template.partitionsFor(Topics.SCHEDULE).size();
        assertThat(template.partitionsFor(Topics.CONFLICTS)).hasSize(partitions);
        while (true) {
            CalendarId candidate = newCalendar();
            if (partitionOf(candidate, partitions) == partitionOf(other, partitions)) {
                return candidate;
            }
        }
    }

    private static int partitionOf(CalendarId calendar, int partitions) {
        return Utils.toPositive(Utils.murmur2(calendar.value().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A backfill run of the rule's occurrence a day earlier, starting at {@code start}. */
    private static OccurrenceMaterialized occurrence(CalendarId calendar, RuleId rule, Instant start) {
        OccurrenceId missed = OccurrenceId.of(rule, start.minus(Duration.ofDays(1)));
        return new OccurrenceMaterialized(OccurrenceId.backfillOf(missed, start), rule, 0, calendar, "Occurrence of " + rule,
                "maintenance_job", start, start, start.plus(Duration.ofMinutes(10)), ZoneOffset.UTC,
                LocalDateTime.ofInstant(start, ZoneOffset.UTC), DstPolicy.DEFAULT, DstResolution.EXACT, "2025b", null, missed, List.of());
    }
}
