package dev.almanac.events.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * The tombstone of a calendar (seed 003's {@code DELETE /calendars/{id}}, ADR 0084). Only an empty calendar is
 * deleted: none of its items holds a place on it any more (each cancelled or deleted). It leaves every list and read,
 * its grants lapse, and it takes no further command; its history stays in the event store. The last event of its
 * stream.
 */
public record CalendarDeleted(CalendarId calendarId, @Nullable String reason) implements CalendarEvent {

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
        return calendarId.value();
    }
}
