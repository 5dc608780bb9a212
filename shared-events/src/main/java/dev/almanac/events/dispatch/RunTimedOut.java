package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * No final report of attempt {@code attempt} came by {@code timeoutAt}, its dispatch plus its job template's timeout:
 * the attempt counts as ended, a report of it that comes later changes nothing, and the rule's retry policy decides
 * what follows.
 */
public record RunTimedOut(
        OccurrenceId occurrenceId,
        RuleId ruleId,
        CalendarId calendarId,
        int attempt,
        Instant dispatchedAt,
        Instant timeoutAt,
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
