package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * A recurring rule was created. Its schedule is read as wall-clock time in {@code timezone}:
 * either {@code cron}, in {@code cronDialect} (absent: a 5-field UNIX cron, as every rule created
 * before dialects), or, when {@code rrule} is present, that RFC 5545 recurrence, and then
 * {@code cron} is empty. Occurrences land on {@code calendarId} (the rule's queue), last
 * {@code durationSeconds} each, and start no earlier than {@code activeFrom}. Each occurrence books
 * {@code resources} for its whole slot, as an item books its own (ADR 0029); rules created before
 * rules booked resources read as booking none.
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
        RuleMetadata metadata,
        @Nullable CronSyntax cronDialect,
        @Nullable RecurrenceRule rrule,
        List<ResourceBooking> resources) implements RuleEvent {

    /** Fills in what an event written before rules booked resources leaves out. */
    public RuleCreated {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A rule that books no resource. */
    public RuleCreated(RuleId ruleId, String name, String cron, ZoneId timezone, CalendarId calendarId, long durationSeconds,
                       Instant activeFrom, DstPolicy dstPolicy, JobTemplate jobTemplate, RuleOptions options,
                       RuleMetadata metadata, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule) {
        this(ruleId, name, cron, timezone, calendarId, durationSeconds, activeFrom, dstPolicy, jobTemplate, options, metadata,
                cronDialect, rrule, null);
    }

    /** A rule scheduled by a 5-field UNIX cron. */
    public RuleCreated(RuleId ruleId, String name, String cron, ZoneId timezone, CalendarId calendarId, long durationSeconds,
                       Instant activeFrom, DstPolicy dstPolicy, JobTemplate jobTemplate, RuleOptions options,
                       RuleMetadata metadata) {
        this(ruleId, name, cron, timezone, calendarId, durationSeconds, activeFrom, dstPolicy, jobTemplate, options, metadata,
                null, null);
    }

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
