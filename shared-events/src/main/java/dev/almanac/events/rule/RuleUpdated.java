package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * A rule's definition was replaced at {@code updatedAt} ({@code PUT /api/v1/schedules/rules/{id}}):
 * from then on its occurrences are those of this definition, read as {@link RuleCreated}'s fields are
 * (the schedule is {@code rrule} when present, otherwise {@code cron} in {@code cronDialect}).
 * Occurrences before {@code updatedAt} stay as they were. The rule keeps its id, its
 * {@code activeFrom} and where it stands (active or paused). {@code resources} are what each occurrence
 * books from then on, the whole list; an update written before rules booked resources reads as none.
 */
public record RuleUpdated(
        RuleId ruleId,
        Instant updatedAt,
        String name,
        String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable RecurrenceRule rrule,
        ZoneId timezone,
        CalendarId calendarId,
        long durationSeconds,
        DstPolicy dstPolicy,
        JobTemplate jobTemplate,
        RuleOptions options,
        RuleMetadata metadata,
        List<ResourceBooking> resources) implements RuleEvent {

    /** Fills in what an event written before rules booked resources leaves out. */
    public RuleUpdated {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** An update after which the rule books no resource. */
    public RuleUpdated(RuleId ruleId, Instant updatedAt, String name, String cron, @Nullable CronSyntax cronDialect,
                       @Nullable RecurrenceRule rrule, ZoneId timezone, CalendarId calendarId, long durationSeconds,
                       DstPolicy dstPolicy, JobTemplate jobTemplate, RuleOptions options, RuleMetadata metadata) {
        this(ruleId, updatedAt, name, cron, cronDialect, rrule, timezone, calendarId, durationSeconds, dstPolicy, jobTemplate, options,
                metadata, null);
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
