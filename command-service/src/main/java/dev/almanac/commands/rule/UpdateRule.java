package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;

/** Replaces a rule's definition from now on; its id, {@code active_from} and pause stay. */
public record UpdateRule(
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
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    public UpdateRule {
        resources = List.copyOf(resources);
    }

    /** The definition a PUT body gives, read as a creation's body is. */
    static UpdateRule replacing(CreateRule requested, @Nullable Long expectedVersion) {
        return new UpdateRule(requested.ruleId(), requested.name(), requested.schedule(), requested.timezone(),
                requested.calendarId(), requested.durationSeconds(), requested.dstPolicy(), requested.jobTemplate(),
                requested.options(), requested.metadata(), requested.resources(), expectedVersion);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }

    RuleUpdated toEvent(Instant updatedAt) {
        return new RuleUpdated(ruleId, updatedAt, name, schedule.cron(), schedule.cronDialect(), schedule.rrule(), timezone,
                calendarId, durationSeconds, dstPolicy, jobTemplate, options, metadata, resources);
    }
}
