package dev.almanac.events.calendar;

import java.time.ZoneId;

import dev.almanac.events.envelope.EventMetadata;


/** A calendar was created. {@code capacity} is how many entries it holds at the same instant. */
public record CalendarCreated(
        CalendarId calendarId,
        String name,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy) implements CalendarEvent {

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
