package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * The tombstone of an item (seed 003's {@code DELETE /schedules/{id}}, ADR 0084): it is removed from its calendar and
 * from every view, its place in {@code [start, end)} is free, its conflicts clear and its reminders are withdrawn. Its
 * history stays in the event store; the item takes no further command, and a read of it answers 404. The last event
 * of its stream.
 */
public record ItemDeleted(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        @Nullable String reason) implements ScheduleEvent {

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
