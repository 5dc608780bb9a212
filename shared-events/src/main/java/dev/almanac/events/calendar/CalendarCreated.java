package dev.almanac.events.calendar;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A calendar was created. {@code capacity} is how many entries it holds at the same instant.
 * {@code itemDurations} is absent from events written before calendars had limits of their own;
 * such a calendar has its type's defaults ({@link #durations()}).
 */
public record CalendarCreated(
        CalendarId calendarId,
        String name,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        @Nullable String description,
        @Nullable CalendarOwner owner,
        @Nullable ItemDurations itemDurations) implements CalendarEvent {

    /** A calendar with no description or owner, and its type's item durations. */
    public CalendarCreated(CalendarId calendarId, String name, CalendarType type, ZoneId timezone, int capacity,
                           OverbookingPolicy overbookingPolicy) {
        this(calendarId, name, type, timezone, capacity, overbookingPolicy, null, null, null);
    }

    /** The item durations the calendar has, given or its type's defaults. */
    public ItemDurations durations() {
        return itemDurations == null ? ItemDurations.defaultsFor(type) : itemDurations;
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
        return calendarId.value();
    }
}
