package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A recurring rule was created. Its 5-field cron is read as wall-clock time in
 * {@code timezone}; occurrences land on {@code calendarId} (the rule's queue), last
 * {@code durationSeconds} each, and start no earlier than {@code activeFrom}.
 */
public record RuleCreated(
        RuleId ruleId,
        String name,
        String cron,
        ZoneId timezone,
        CalendarId calendarId,
        long durationSeconds,
        Instant activeFrom,
        DstPolicy dstPolicy,
        JobTemplate jobTemplate,
        RuleOptions options,
        RuleMetadata metadata) implements RuleEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return ruleId.value();
    }

    @Override
    public String subject() {
        return ruleId.value();
    }
}
