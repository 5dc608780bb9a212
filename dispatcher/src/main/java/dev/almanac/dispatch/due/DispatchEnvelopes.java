package dev.almanac.dispatch.due;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;

/**
 * The envelopes of the dispatcher's events. Each id derives from what the event is about, so a transaction that
 * aborted and ran again publishes the same {@code ce_id}: an occurrence's attempt has one id wherever it is decided.
 * An occurrence's events are versioned in the order they can happen, {@code 5 × attempt + step}: buffered (0),
 * skipped (1), due (2), timed out (3), retried or exhausted (4); so a consumer that applies by version keeps the
 * latest. A misfire is the rule's, versioned by the end of its window, which only grows.
 */
public final class DispatchEnvelopes {

    public static final String SOURCE = "/almanac/dispatcher";
    private static final int STEPS = 5;

    private DispatchEnvelopes() {
    }

    public static EventMetadata of(OccurrenceDue due, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(due, due.attempt(), 2, due.dispatchedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(OccurrenceBuffered buffered, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(buffered, 1, 0, buffered.decidedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(OccurrenceSkipped skipped, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(skipped, 1, 1, skipped.decidedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(RunTimedOut timedOut, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(timedOut, timedOut.attempt(), 3, timedOut.decidedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(RetryScheduled retry, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(retry, retry.attempt() - 1, 4, retry.decidedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(RetriesExhausted exhausted, String actor, String correlationId, @Nullable String traceparent) {
        return envelope(exhausted, exhausted.attempts(), 4, exhausted.decidedAt(), actor, correlationId, traceparent);
    }

    public static EventMetadata of(DispatchMisfired misfired, String actor, String correlationId, @Nullable String traceparent) {
        return new EventMetadata(
                Identifiers.derive("dispatch-misfired", misfired.ruleId().value(), misfired.startsFrom().toString(),
                        misfired.startsUntil().toString()),
                EventCatalog.of(misfired).ceType(), SOURCE, misfired.detectedAt(), misfired.subject(), misfired.startsUntil().toEpochMilli(),
                actor, correlationId, traceparent);
    }

    /** A reminder's, once per reminder and start: a reminder moved with its item is due again, under another id. */
    public static EventMetadata of(ReminderDue reminder, String actor, String correlationId, @Nullable String traceparent) {
        return new EventMetadata(Identifiers.derive("reminder-due", reminder.reminderId().value(), reminder.subject(),
                reminder.start().toString()), EventCatalog.of(reminder).ceType(), SOURCE, reminder.firedAt(), reminder.subject(), 1,
                actor, correlationId, traceparent);
    }

    /** The id of attempt {@code attempt}'s dispatch: what an executor sends receivers as the delivery id. */
    public static String dueId(OccurrenceDue due) {
        return id(due, due.attempt());
    }

    private static EventMetadata envelope(DispatchEvent event, int attempt, int step, Instant time, String actor,
                                          String correlationId, @Nullable String traceparent) {
        return new EventMetadata(id(event, attempt), EventCatalog.of(event).ceType(), SOURCE, time, event.subject(),
                (long) STEPS * attempt + step, actor, correlationId, traceparent);
    }

    private static String id(DispatchEvent event, int attempt) {
        String kind = event instanceof OccurrenceDue ? "occurrence-due" : EventCatalog.of(event).name();
        return Identifiers.derive(kind, event.subject(), Integer.toString(attempt));
    }
}
