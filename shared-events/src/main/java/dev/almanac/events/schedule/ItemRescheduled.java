package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item moved from {@code [previousStart, previousEnd)} to {@code [start, end)}. {@code override}
 * is present when a manager admitted the move past the capacity of a calendar that blocks overbooking (SCH-021).
 */
public record ItemRescheduled(
        ItemId itemId,
        CalendarId calendarId,
        Instant previousStart,
        Instant previousEnd,
        Instant start,
        Instant end,
        @Nullable String reason,
        @Nullable OverbookingOverride override) implements ScheduleEvent {

    /** A move within its calendar's capacity, or on a calendar that does not block overbooking. */
    public ItemRescheduled(ItemId itemId, CalendarId calendarId, Instant previousStart, Instant previousEnd, Instant start,
                           Instant end, @Nullable String reason) {
        this(itemId, calendarId, previousStart, previousEnd, start, end, reason, null);
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
