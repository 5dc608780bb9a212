package dev.almanac.events.calendar;

import java.time.ZoneId;

import dev.almanac.events.AlmanacEvent;

/** A calendar was created. {@code capacity} is how many entries it holds at the same instant. */
public record CalendarCreated(
        CalendarId calendarId,
        String name,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy) implements AlmanacEvent {

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return calendarId.value();
    }
}
