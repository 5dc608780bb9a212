package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/** The occurrence's last attempt, {@code attempts}, ended {@code lastOutcome}, and its rule's retry policy allows no more: it is final. */
public record RetriesExhausted(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        CalendarId calendarId,
        int attempts,
        AttemptOutcome lastOutcome,
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
