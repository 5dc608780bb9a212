package dev.almanac.dispatch.due;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.WireSamples;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher is the producer of almanac.dispatch.v1: its records are the wire samples every consumer reads. */
class DispatchWireSamplesTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void anOccurrenceDueIsPublishedAsItsSampleVersionedAfterItsAttempt() {
        OccurrenceDue due = EventSamples.occurrenceDue();
        var envelope = DispatchEnvelopes.of(due, "platform-team@example.com", "corr-nightly", TRACEPARENT);

        assertThat(envelope.aggregateVersion()).isEqualTo(5L * due.attempt() + 2);
        assertThat(envelope.id()).isEqualTo(DispatchEnvelopes.of(due, "someone-else", "corr-other", null).id());
        WireSamples.assertProducerMatchesSample(codec.toRecord(envelope, due));
    }

    @Test
    void theDecisionsFromARulesOptionsArePublishedAsTheirSamples() {
        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(EventSamples.occurrenceSkipped(), "platform-team@example.com", "corr-nightly", TRACEPARENT),
                EventSamples.occurrenceSkipped()));
        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(EventSamples.occurrenceBuffered(), "platform-team@example.com", "corr-nightly", TRACEPARENT),
                EventSamples.occurrenceBuffered()));
        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(EventSamples.runTimedOut(), "platform-team@example.com", "corr-nightly", TRACEPARENT),
                EventSamples.runTimedOut()));
        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(EventSamples.retryScheduled(), "platform-team@example.com", "corr-nightly", TRACEPARENT),
                EventSamples.retryScheduled()));
        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(EventSamples.retriesExhausted(), "platform-team@example.com", "corr-nightly", TRACEPARENT),
                EventSamples.retriesExhausted()));
    }

    @Test
    void aReminderDueIsPublishedAsItsSampleUnderAnIdOfItsReminderAndStart() {
        ReminderDue due = EventSamples.reminderDue();
        var envelope = DispatchEnvelopes.of(due, "sam@example.com", "corr-review", TRACEPARENT);

        assertThat(envelope.id()).isEqualTo(DispatchEnvelopes.of(due, "someone-else", "corr-other", null).id());
        WireSamples.assertProducerMatchesSample(codec.toRecord(envelope, due));
    }

    @Test
    void aMisfireIsPublishedAsItsSample() {
        DispatchMisfired misfired = EventSamples.dispatchMisfired();

        WireSamples.assertProducerMatchesSample(codec.toRecord(
                DispatchEnvelopes.of(misfired, "platform-team@example.com", "corr-nightly", TRACEPARENT), misfired));
    }
}
