package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item moved from {@code [previousStart, previousEnd)} to {@code [start, end)}.
 * {@code alongWith} names the item whose move carried this one, in the same transaction: the
 * follower's primary (seed 002's linked items), or the item a cascade started from; it is absent
 * when the item itself was moved.
 */
public record ItemRescheduled(
        ItemId itemId,
        CalendarId calendarId,
        Instant previousStart,
        Instant previousEnd,
        Instant start,
        Instant end,
        @Nullable String reason,
        @Nullable ItemId alongWith) implements ScheduleEvent {

    /** A move of the item itself. */
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
