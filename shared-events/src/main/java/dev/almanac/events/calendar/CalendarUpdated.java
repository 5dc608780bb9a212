package dev.almanac.events.calendar;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A calendar's definition changed. The event holds the whole definition as it now stands, not
 * a patch, so a consumer needs no earlier event to apply it. A lower capacity, or a switch to
 * blocking, was accepted only where the calendar's booked items fit it.
 */
public record CalendarUpdated(
        CalendarId calendarId,
        String name,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        @Nullable String description,
        @Nullable CalendarOwner owner,
        ItemDurations itemDurations) implements CalendarEvent {

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
