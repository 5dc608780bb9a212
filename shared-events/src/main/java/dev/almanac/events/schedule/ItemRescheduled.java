package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** A one-off item moved from {@code [previousStart, previousEnd)} to {@code [start, end)}. */
public record ItemRescheduled(
        ItemId itemId,
        CalendarId calendarId,
        Instant previousStart,
        Instant previousEnd,
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
