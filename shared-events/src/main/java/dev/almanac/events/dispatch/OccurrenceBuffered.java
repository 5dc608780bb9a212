package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * An occurrence fell due while its rule had {@code inFlight} runs in flight, as many as its {@code max_concurrent}:
 * it waits, the rule's one buffered occurrence, and is dispatched when one of them finishes, unless a newer one
 * takes its place first.
 */
public record OccurrenceBuffered(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        long ruleVersion,
        CalendarId calendarId,
        Instant occurrenceStart,
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
