package dev.almanac.events.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * {@code userId} asked to be reminded {@code minutesBefore} minutes before the item starts (seed 004, ADR 0079), shown
 * in {@code timezone}, the user's. Setting a reminder of the same id again replaces it. {@code [start, end)} is where the
 * item stands and {@code title} its title, so that the dispatcher, which reads no other item event before this one,
 * knows when and what to remind of.
 */
public record ItemReminderSet(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        String title,
        ReminderId reminderId,
        UserId userId,
        int minutesBefore,
        ZoneId timezone) implements ScheduleEvent {

    /** When the reminder is due, for the item's current start. */
    public Instant dueAt() {
        return start.minus(Duration.ofMinutes(minutesBefore));
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return itemId.value();
    }
}
