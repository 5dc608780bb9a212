package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;

/** A one-off item moved from {@code [previousStart, previousEnd)} to {@code [start, end)}. */
public record ItemRescheduled(
        ItemId itemId,
        CalendarId calendarId,
        Instant previousStart,
        Instant previousEnd,
        Instant start,
        Instant end,
        @Nullable String reason) implements AlmanacEvent {

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return itemId.value();
    }
}
