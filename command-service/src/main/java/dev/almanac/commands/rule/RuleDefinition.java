package dev.almanac.commands.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * A rule's whole definition as its last {@link RuleCreated} or {@link RuleUpdated} left it, and
 * {@code activeFrom}, which an update keeps; {@code resources} are what each occurrence books. A
 * change request reads it to show what a change would do, and to replace only the parts the change
 * names.
 */
public record RuleDefinition(
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
        Instant activeFrom) {

    public RuleDefinition {
        resources = List.copyOf(resources);
    }

    static RuleDefinition of(RuleCreated created) {
        return new RuleDefinition(created.name(), new RuleSchedule(created.cron(), created.cronDialect(), created.rrule()),
                created.timezone(), created.calendarId(), created.durationSeconds(), created.dstPolicy(), created.jobTemplate(),
                created.options(), created.metadata(), created.resources(), created.activeFrom());
    }

    /** The event that creates rule {@code ruleId} with this definition, active from {@code activeFrom}. */
    RuleCreated created(RuleId ruleId) {
        return new RuleCreated(ruleId, name, schedule.cron(), timezone, calendarId, durationSeconds, activeFrom, dstPolicy,
                jobTemplate, options, metadata, schedule.cronDialect(), schedule.rrule(), resources);
    }

    /** The event that replaces rule {@code ruleId}'s definition with this one at {@code updatedAt}; the rule keeps its own {@code activeFrom}. */
    RuleUpdated updated(RuleId ruleId, Instant updatedAt) {
        return new RuleUpdated(ruleId, updatedAt, name, schedule.cron(), schedule.cronDialect(), schedule.rrule(), timezone,
                calendarId, durationSeconds, dstPolicy, jobTemplate, options, metadata, resources);
    }

    /** The same definition, active from {@code newActiveFrom}. */
    RuleDefinition activeFrom(Instant newActiveFrom) {
        return new RuleDefinition(name, schedule, timezone, calendarId, durationSeconds, dstPolicy, jobTemplate, options, metadata,
                resources, newActiveFrom);
    }

    RuleDefinition updatedBy(RuleUpdated updated) {
        return new RuleDefinition(updated.name(), new RuleSchedule(updated.cron(), updated.cronDialect(), updated.rrule()),
                updated.timezone(), updated.calendarId(), updated.durationSeconds(), updated.dstPolicy(), updated.jobTemplate(),
                updated.options(), updated.metadata(), updated.resources(), activeFrom);
    }

    /** The same definition with some parts replaced; a null part stays as it is. */
    public RuleDefinition with(@Nullable RuleSchedule newSchedule, @Nullable ZoneId newTimezone, @Nullable Long newDurationSeconds,
                               @Nullable Integer newJitterSeconds, @Nullable DstPolicy newDstPolicy) {
        return with(newSchedule, newTimezone, newDurationSeconds, newJitterSeconds, newDstPolicy, null);
    }

    /** The same definition with some parts replaced, the resources its occurrences book among them; a null part stays as it is. */
    public RuleDefinition with(@Nullable RuleSchedule newSchedule, @Nullable ZoneId newTimezone, @Nullable Long newDurationSeconds,
                               @Nullable Integer newJitterSeconds, @Nullable DstPolicy newDstPolicy,
                               @Nullable List<ResourceBooking> newResources) {
        if (!options.dispatched() && (newSchedule != null && !newSchedule.equals(schedule) || newJitterSeconds != null && newJitterSeconds != 0
                || newDstPolicy != null && !newDstPolicy.equals(dstPolicy))) {
            // A heartbeat's schedule is its interval (ADR 0073): a change of cron, RRULE, jitter or DST policy cannot apply.
            throw CommandRejectedException.invalid("schedule", "heartbeat", "rule " + name + " is a heartbeat, whose beats follow its interval; "
                    + "replace it with PUT and a new heartbeat, or with a schedule that Almanac dispatches");
        }
        RuleOptions newOptions = newJitterSeconds == null ? options : options.withJitterSeconds(newJitterSeconds);
        return new RuleDefinition(name, newSchedule == null ? schedule : newSchedule, newTimezone == null ? timezone : newTimezone,
                calendarId, newDurationSeconds == null ? durationSeconds : newDurationSeconds, newDstPolicy == null ? dstPolicy : newDstPolicy,
                jobTemplate, newOptions, metadata, newResources == null ? resources : newResources, activeFrom);
    }

    /**
     * What expansion makes of this definition, exactly as every service reads the rule's events.
     *
     * @throws dev.almanac.recurrence.InvalidScheduleException if the schedule is not valid or never fires
     */
    public RecurrenceSpec spec(RuleId ruleId) {
        return new RecurrenceSpec(ruleId, schedule.schedule(), timezone, dstPolicy, Duration.ofSeconds(durationSeconds),
                options.jitterSeconds());
    }

    /** The command that replaces the rule's definition with this one. */
    public UpdateRule toUpdate(RuleId ruleId) {
        return new UpdateRule(ruleId, this, null);
    }
}
