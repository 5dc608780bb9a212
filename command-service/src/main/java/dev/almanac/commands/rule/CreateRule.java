package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.schedule.ResourceBooking;

/** Creates a recurring rule, active from {@code requestedAt}; each of its occurrences books {@code resources}. */
public record CreateRule(
        RuleId ruleId,
        String name,
        RuleSchedule schedule,
        ZoneId timezone,
        CalendarId calendarId,
        long durationSeconds,
        DstPolicy dstPolicy,
        JobTemplate jobTemplate,
        RuleOptions options,
        RuleMetadata metadata,
        List<ResourceBooking> resources,
        Instant requestedAt) implements CreationCommand {

    public CreateRule {
        resources = List.copyOf(resources);
    }

    /** The same rule, active from {@code activeFrom} instead of the moment it was requested. */
    CreateRule activeFrom(Instant activeFrom) {
        return new CreateRule(ruleId, name, schedule, timezone, calendarId, durationSeconds, dstPolicy, jobTemplate, options, metadata,
                resources, activeFrom);
    }

    public RuleCreated toEvent() {
        return new RuleCreated(ruleId, name, schedule.cron(), timezone, calendarId, durationSeconds, requestedAt, dstPolicy,
                jobTemplate, options, metadata, schedule.cronDialect(), schedule.rrule(), resources);
    }

    @Override
    public String aggregateId() {
        return StoreIds.rule(ruleId);
    }

    /** The same rule, requested at another moment, is a repeat. */
    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return firstEvent instanceof RuleCreated created
                && toEvent().equals(new RuleCreated(created.ruleId(), created.name(), created.cron(), created.timezone(),
                created.calendarId(), created.durationSeconds(), requestedAt, created.dstPolicy(), created.jobTemplate(),
                created.options(), created.metadata(), created.cronDialect(), created.rrule(), created.resources()));
    }
}
