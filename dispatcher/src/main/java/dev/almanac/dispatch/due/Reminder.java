package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;

/**
 * A reminder a user set (ADR 0079): {@code minutesBefore} minutes before each start of its item or rule, shown in
 * {@code timezone}. The actor, correlation and trace of the command that set it go on each {@code ReminderDue}.
 */
public record Reminder(ReminderId reminderId, UserId userId, int minutesBefore, ZoneId timezone, String actor, String correlationId,
                       @Nullable String traceparent) {

    /** When it is due for a start: the start instant less its minutes, whatever the wall clock does in between. */
    public Instant dueFor(Instant start) {
        return start.minus(Duration.ofMinutes(minutesBefore));
    }
}
