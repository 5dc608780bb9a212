package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;

class OccurrencesYieldTest {

    private static final long PUBLISHED = 1_800_000_000_000L;
    private static final Duration LEAD = Duration.ofMinutes(30);

    private final OccurrencesYield yield = new OccurrencesYield(LEAD);

    @Test
    void missedRunsAreReadAsPublishedLaterByTheLead() {
        assertThat(yield.extract(consumed(Topics.MISSED_RUNS, PUBLISHED), PUBLISHED)).isEqualTo(PUBLISHED + LEAD.toMillis());
    }

    @Test
    void ruleEventsFannedOutToTheirScopesYieldLikeMissedRuns() {
        assertThat(yield.extract(consumed(RulesByScope.TOPIC, PUBLISHED), PUBLISHED)).isEqualTo(PUBLISHED + LEAD.toMillis());
        assertThat(yield.publishedAt(RulesByScope.TOPIC, PUBLISHED + LEAD.toMillis())).isEqualTo(PUBLISHED);
    }

    @Test
    void everyOtherTopicIsReadAsPublished() {
        for (String topic : new String[] {Topics.SCHEDULE, Topics.CALENDARS, LinkSides.TOPIC, ResourceBookings.TOPIC}) {
            assertThat(yield.extract(consumed(topic, PUBLISHED), 0L)).as(topic).isEqualTo(PUBLISHED);
        }
    }

    @Test
    void aMissedRunWithoutATimestampTakesItsPartitionsTimeUnshifted() {
        long partitionTime = PUBLISHED + LEAD.toMillis();
        assertThat(yield.extract(consumed(Topics.MISSED_RUNS, -1L), partitionTime)).isEqualTo(partitionTime);
    }

    @Test
    void theProcessorGivesEveryRecordBackTheTimeItWasPublished() {
        for (String topic : new String[] {Topics.MISSED_RUNS, Topics.SCHEDULE}) {
            MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
            context.setRecordMetadata(topic, 0, 42L);
            Processor<String, byte[], String, byte[]> restoring = yield.restoringArrivalTime();
            restoring.init(context);
            long read = yield.extract(consumed(topic, PUBLISHED), 0L);

            restoring.process(new Record<>("cal-1", new byte[] {1}, read));

            assertThat(context.forwarded()).singleElement()
                    .satisfies(forwarded -> assertThat(forwarded.record().timestamp()).as(topic).isEqualTo(PUBLISHED));
        }
    }

    @Test
    void noLeadReadsEveryTopicInPublicationOrder() {
        OccurrencesYield none = new OccurrencesYield(Duration.ZERO);
        assertThat(none.extract(consumed(Topics.MISSED_RUNS, PUBLISHED), 0L)).isEqualTo(PUBLISHED);
        assertThat(none.publishedAt(Topics.MISSED_RUNS, PUBLISHED)).isEqualTo(PUBLISHED);
    }

    @Test
    void aNegativeLeadIsRefused() {
        assertThatThrownBy(() -> new OccurrencesYield(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }

    private static ConsumerRecord<Object, Object> consumed(String topic, long timestamp) {
        return new ConsumerRecord<>(topic, 0, 7L, timestamp, TimestampType.CREATE_TIME, 0, 0, "cal-1", new byte[0], new RecordHeaders(),
                Optional.empty());
    }
}
