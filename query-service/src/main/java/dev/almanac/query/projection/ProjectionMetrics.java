package dev.almanac.query.projection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What an operator watches of the projection: how large and how slow its batches are, and how far
 * the read models trail the topics. Consumer lag counts records; staleness says what a reader
 * feels, the time between Kafka taking a record and the read models showing it.
 */
final class ProjectionMetrics {

    private final Clock clock;
    private final Timer batches;
    private final DistributionSummary records;
    private final Timer staleness;

    /** @param listener which listener's batches: {@code facts} or {@code occurrences} */
    ProjectionMetrics(MeterRegistry meters, String listener) {
        this.clock = meters.config().clock();
        // Buckets rather than client-side percentiles, as for staleness below; a batch outlasting 5 minutes
        // would also outlast the consumer's poll interval.
        this.batches = Timer.builder("almanac.projection.batches")
                .description("A poll's records decoded and written to the read models")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .tag("listener", listener)
                .register(meters);
        this.records = DistributionSummary.builder("almanac.projection.batch.records")
                .description("Records in a poll applied as one batch")
                .tag("listener", listener)
                .register(meters);
        // Buckets, so that Prometheus can take the p99 over instances; up to 5 minutes, well past the
        // 30 s AlmanacReadModelsStale alerts at.
        this.staleness = Timer.builder("almanac.projection.staleness")
                .description("From the record's Kafka timestamp to its batch's writes being done, for the oldest record of each batch")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .tag("listener", listener)
                .register(meters);
    }

    /** A clock reading to pass to {@link #written} when the batch is done. */
    long start() {
        return clock.monotonicTime();
    }

    void written(List<? extends ConsumerRecord<?, ?>> batch, long started) {
        if (batch.isEmpty()) {
            return;
        }
        batches.record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
        records.record(batch.size());
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<?, ?> record : batch) {
            oldest = Math.min(oldest, record.timestamp());
        }
        staleness.record(Math.max(0, clock.wallTime() - oldest), TimeUnit.MILLISECONDS);
    }
}
