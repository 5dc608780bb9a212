package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * An occurrence was not dispatched: its rule had {@code inFlight} runs in flight, as many as its
 * {@code max_concurrent}, and skips what falls due meanwhile, or it waited buffered and a newer one took its place.
 */
public record OccurrenceSkipped(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        Instant occurrenceStart,
        SkipReason reason,
        int inFlight,
        Instant decidedAt) implements DispatchEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return occurrenceId.value();
    }
}
