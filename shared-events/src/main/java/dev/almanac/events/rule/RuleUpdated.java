package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule's definition was replaced at {@code updatedAt} ({@code PUT /api/v1/schedules/rules/{id}}):
 * from then on its occurrences are those of this definition, read as {@link RuleCreated}'s fields are
 * (the schedule is {@code rrule} when present, otherwise {@code cron} in {@code cronDialect}).
 * Occurrences before {@code updatedAt} stay as they were. The rule keeps its id, its
 * {@code activeFrom} and where it stands (active or paused).
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
