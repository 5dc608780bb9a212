package dev.almanac.conflicts.intake;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Topics;

/**
 * Lets a task take the facts people and services send (items, calendars, lifecycle commands, and the
 * bookings and link sides derived from any fact) before the facts that arrive in bulk: the missed runs of
 * {@code almanac.missed-runs.v1} (thousands at once after an outage) and the rule events fanned out to calendars and
 * resources ({@link RulesByScope}), each of which can cost a sweep of a rule's occurrences (ADR 0063, ADR 0069, ADR 0072). A task picks, among its partitions,
 * the record with the lowest timestamp, so a double booking on a calendar that shares its partition with a burst
 * would wait for every record of the burst published before it. Read as a lead later than it was published, a bulk
 * fact yields to every other record of its task published less than the lead after it.
 *
 * <p>Only the order within a task changes. Facts of different topics had no order between them
 * before ({@code max.task.idle.ms} is -1), and each partition stays in offset order. The
 * shifted time never leaves the task: {@link #restoringArrivalTime} puts each record's own
 * timestamp back before any processor sees it, so conflicts, changelogs, the derived topics and the
 * dead letters' {@code kafka_dlt-original-timestamp} carry the time the fact was published, as
 * before. Nothing in the topology reads stream time: every punctuation runs on the wall clock.
 *
 * <p>A record without a valid timestamp takes its partition's time, which for a bulk partition is already
 * shifted, so it is not shifted again.
 */
public final class OccurrencesYield extends UsePartitionTimeOnInvalidTimestamp {

    /** Longer than the backlog of a cold start (about ten minutes of occurrences at today's intake); well under the broker's one-hour bound on future timestamps. */
    public static final Duration DEFAULT_LEAD = Duration.ofMinutes(30);

    private final long leadMillis;

    public OccurrencesYield(Duration lead) {
        if (lead.isNegative()) {
            throw new IllegalArgumentException("the lead of interactive facts over occurrences must not be negative: " + lead);
        }
        this.leadMillis = lead.toMillis();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long published = record.timestamp();
        if (published < 0 || !yields(record.topic())) {
            return super.extract(record, partitionTime);
        }
        return published + leadMillis;
    }

    /** Whether records of {@code topic} arrive in bulk and yield. */
    static boolean yields(@Nullable String topic) {
        return Topics.MISSED_RUNS.equals(topic) || RulesByScope.TOPIC.equals(topic);
    }

    /** The timestamp the record of {@code topic} was published with, from the one {@link #extract} gave it. */
    long publishedAt(@Nullable String topic, long extracted) {
        return yields(topic) ? extracted - leadMillis : extracted;
    }

    /** A processor that forwards each record with the timestamp it was published with. */
    Processor<String, byte[], String, byte[]> restoringArrivalTime() {
        return new Processor<>() {

            private @Nullable ProcessorContext<String, byte[]> context;

            @Override
            public void init(ProcessorContext<String, byte[]> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, byte[]> record) {
                ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context, "processor not initialised");
                String topic = context.recordMetadata().map(origin -> origin.topic()).orElse(null);
                context.forward(record.withTimestamp(publishedAt(topic, record.timestamp())));
            }
        };
    }
}
