package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;

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
        RuleMetadata metadata) implements AlmanacEvent {

    @Override
    public String partitionKey() {
        return ruleId.value();
    }

    @Override
    public String subject() {
        return ruleId.value();
    }
}
