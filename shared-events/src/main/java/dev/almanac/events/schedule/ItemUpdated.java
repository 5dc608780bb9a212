package dev.almanac.events.schedule;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A person changed an item's own fields (seed 003's {@code PUT /schedules/{id}}): its title, type, priority, tags or
 * status (tentative, scheduled, rescheduling). {@code previous} and {@code current} hold all of them, so a reader sees
 * what changed without the item's history. {@code [start, end)} is where the item stands; a PUT never moves it (a move
 * is an {@link ItemRescheduled}).
 */
public record ItemUpdated(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        ItemFields previous,
        ItemFields current) implements ScheduleEvent {

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
