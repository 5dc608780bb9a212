package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;

/**
 * Issue 68's seed on the default partition count: 100 calendars, 10,000 rules of its mix, 5,000 items, every id a
 * UUID as command-service makes one. Each record goes through the codec (which picks the key) and the partitioner Kafka's
 * producer applies to a keyed record; no partition of any topic may hold more than 40 % of its records, for any of 20 draws of ids.
 */
class PartitionSpreadTest {

    private static final int CALENDARS = 100;
    private static final int RULES = 10_000;
    private static final int ITEMS = 5_000;
    private static final double MOST_ON_ONE_PARTITION = 0.40;
    /** Occurrences in 90 days of issue 68's mix: daily, hourly on weekday office hours, hourly, every 30 minutes. */
    private static final int[] OCCURRENCES_BY_KIND = {90, 9 * 64, 24 * 90, 48 * 90};
    /** conflict-detector's sides of links, keyed by item id with the producers' hash (ADR 0061). */
    private static final String BY_ITEM = "conflict-detector-links";

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void noPartitionOfAnyTopicHoldsMoreThanFortyPercentOfTheSeedsRecords() {
        for (long seed = 1; seed <= 20; seed++) {
            Map<String, long[]> recordsByPartition = spread(seed, AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS);
            for (Map.Entry<String, long[]> topic : recordsByPartition.entrySet()) {
                long total = 0;
                long most = 0;
                for (long records : topic.getValue()) {
                    total += records;
                    most = Math.max(most, records);
                }
                assertThat((double) most / total).as("the largest partition's share of %s, ids drawn with seed %d", topic.getKey(), seed)
                        .isLessThanOrEqualTo(MOST_ON_ONE_PARTITION);
            }
        }
    }

    @Test
    void theDefaultLeavesRoomForMoreConsumersThanThree() {
        assertThat(AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS).isGreaterThanOrEqualTo(12);
    }

    /** Records of each topic by the partition Kafka's partitioner gives their key. */
    private Map<String, long[]> spread(long seed, int partitions) {
        Random random = new Random(seed);
        List<CalendarId> calendars = new ArrayList<>();
        for (int index = 0; index < CALENDARS; index++) {
            calendars.add(CalendarId.of(uuid(random)));
        }
        Map<String, long[]> tally = new HashMap<>();
        Partitions partitioner = new Partitions(partitions);
        for (CalendarId calendar : calendars) {
            count(tally, partitioner.of(new CalendarCreated(calendar, "Seed", CalendarType.QUEUE, ZoneId.of("UTC"), 10,
                    OverbookingPolicy.ALLOW)), 1, partitions);
            ConflictDetected sample = EventSamples.conflictDetected();
            count(tally, partitioner.of(new ConflictDetected(sample.conflictId(), calendar, sample.type(), sample.level(),
                    sample.start(), sample.end(), sample.capacity(), sample.peakConcurrency(), sample.entries())), 1, partitions);
        }
        RuleCreated template = EventSamples.ruleCreated();
        for (int index = 0; index < RULES; index++) {
            CalendarId calendar = calendars.get(random.nextInt(CALENDARS));
            RuleId rule = RuleId.of(uuid(random));
            count(tally, partitioner.of(new RuleCreated(rule, template.name(), template.cron(), template.timezone(), calendar,
                    template.durationSeconds(), template.activeFrom(), template.dstPolicy(), template.jobTemplate(), template.options(),
                    template.metadata(), null, null, List.of())), 1, partitions);
            // Each occurrence is a record on the occurrences topic and, once it runs, on the runs topic.
            int occurrences = OCCURRENCES_BY_KIND[kind(index)];
            Instant start = Instant.parse("2027-01-04T08:00:00Z");
            count(tally, partitioner.of(new OccurrenceMaterialized(OccurrenceId.of(rule, start), rule, 0, calendar, "Seed",
                    "maintenance_job", start, start, start.plus(Duration.ofMinutes(5)), ZoneId.of("UTC"),
                    LocalDateTime.parse("2027-01-04T08:00:00"), DstPolicy.DEFAULT, DstResolution.EXACT, "2025b")), occurrences, partitions);
            RunStarted run = EventSamples.runStarted();
            count(tally, partitioner.of(new RunStarted(run.runId(), calendar, run.entryKind(), run.entryId(), run.attempt(),
                    run.startedAt(), run.executor())), occurrences, partitions);
        }
        for (int index = 0; index < ITEMS; index++) {
            ItemId item = ItemId.of(uuid(random));
            Instant start = Instant.parse("2027-01-04T08:00:00Z").plus(Duration.ofMinutes(index));
            count(tally, partitioner.of(new ItemScheduled(item, calendars.get(random.nextInt(CALENDARS)), "Seed item",
                    "meeting", start, start.plus(Duration.ofMinutes(20)), ZoneId.of("UTC"), Priority.NORMAL, List.of())), 1, partitions);
            count(tally, partitioner.of(new ProducerRecord<>(BY_ITEM, item.value(), new byte[0])), 1, partitions);
        }
        return tally;
    }

    /** 60 % daily, 20 % hourly on weekday office hours, 10 % hourly, 10 % every 30 minutes. */
    private static int kind(int index) {
        int tenth = index % 10;
        return tenth < 6 ? 0 : tenth < 8 ? 1 : tenth < 9 ? 2 : 3;
    }

    /** A version 4 UUID, as {@code NewIds} makes one, from a seeded source so that a failure can be replayed. */
    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }

    /** The topic and partition a producer with Kafka's own partitioner sends a record to: murmur2 of the serialised key. */
    private final class Partitions {

        private final int count;
        private final StringSerializer keys = new StringSerializer();

        Partitions(int count) {
            this.count = count;
        }

        TopicPartition of(AlmanacEvent event) {
            EventMetadata metadata = new EventMetadata("evt-spread", EventCatalog.of(event).ceType(), "/almanac/test", Instant.EPOCH,
                    event.subject(), 0, "planner@example.com", "corr-spread", null);
            return of(codec.toRecord(metadata, event));
        }

        TopicPartition of(ProducerRecord<String, byte[]> record) {
            byte[] key = keys.serialize(record.topic(), record.headers(), record.key());
            return new TopicPartition(record.topic(), BuiltInPartitioner.partitionForKey(key, count));
        }
    }

    private static void count(Map<String, long[]> tally, TopicPartition partition, long records, int partitions) {
        tally.computeIfAbsent(partition.topic(), any -> new long[partitions])[partition.partition()] += records;
    }
}
