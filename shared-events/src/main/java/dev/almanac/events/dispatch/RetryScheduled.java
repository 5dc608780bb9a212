package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/** The attempt before {@code attempt} ended {@code after}; the rule's retry policy dispatches {@code attempt} at {@code retryAt}. */
public record RetryScheduled(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        CalendarId calendarId,
        int attempt,
        AttemptOutcome after,
        Instant retryAt,
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
