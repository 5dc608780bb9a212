package dev.almanac.dispatch.due;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;

/**
 * The envelopes of the dispatcher's events. Each id derives from what the event is about, so a transaction that
 * aborted and ran again publishes the same {@code ce_id}: an occurrence's attempt has one id wherever it is decided.
 */
public final class DispatchEnvelopes {

    public static final String SOURCE = "/almanac/dispatcher";

    private DispatchEnvelopes() {
    }

    /** Version: the attempt, so that a consumer applying by version takes each attempt once and in order. */
    public static EventMetadata of(OccurrenceDue due, String actor, String correlationId, @Nullable String traceparent) {
        return new EventMetadata(dueId(due), EventCatalog.of(due).ceType(), SOURCE, due.dispatchedAt(), due.subject(), due.attempt(),
                actor, correlationId, traceparent);
    }

    public static String dueId(OccurrenceDue due) {
        return Identifiers.derive("occurrence-due", due.occurrenceId().value(), Integer.toString(due.attempt()));
    }

    public static EventMetadata of(DispatchMisfired misfired, String actor, String correlationId, @Nullable String traceparent) {
        return new EventMetadata(
                Identifiers.derive("dispatch-misfired", misfired.ruleId().value(), misfired.startsFrom().toString(),
                        misfired.startsUntil().toString()),
                EventCatalog.of(misfired).ceType(), SOURCE, misfired.detectedAt(), misfired.subject(), misfired.startsUntil().toEpochMilli(),
                actor, correlationId, traceparent);
    }
}
