package dev.almanac.events.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Two items were linked (LNK-PAIR): the follower moves and is cancelled with its primary,
 * in the same transaction, and keeps starting {@code offsetSeconds} after it (before it when
 * negative). One event is written to each item's history, in one transaction: {@code role} says
 * which side this item ({@code itemId}) is on, {@code linkedItemId} names the other side. A link
 * written again for the same pair changes its offset. {@code [start, end)} is where this item
 * stands, so a consumer that never saw it can still place it.
 * {@code linkedChanges} names the other item with the version it reached in the same transaction
 * ({@link LinkedChange}); null on events whose producer did not say.
 */
public record ItemLinked(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        LinkRole role,
        ItemId linkedItemId,
        CalendarId linkedCalendarId,
        long offsetSeconds,
        @Nullable List<LinkedChange> linkedChanges) implements ScheduleEvent {

    public ItemLinked {
        linkedChanges = linkedChanges == null ? null : List.copyOf(linkedChanges);
    }

    /** A link whose event does not say what else its transaction changed. */
    public ItemLinked(ItemId itemId, CalendarId calendarId, Instant start, Instant end, LinkRole role, ItemId linkedItemId,
                      CalendarId linkedCalendarId, long offsetSeconds) {
        this(itemId, calendarId, start, end, role, linkedItemId, linkedCalendarId, offsetSeconds, null);
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
