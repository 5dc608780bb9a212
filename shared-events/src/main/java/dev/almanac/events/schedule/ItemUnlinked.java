package dev.almanac.events.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A link between two items ({@link ItemLinked}) was ended; both stay where they are, and each
 * moves on its own from now on. One event is written to each item's history, in one transaction;
 * {@code role} is the side this item was on. {@code [start, end)} is where this item stands.
 * {@code linkedChanges} names the other item with the version it reached in the same transaction
 * ({@link LinkedChange}); null on events whose producer did not say.
 */
public record ItemUnlinked(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        LinkRole role,
        ItemId linkedItemId,
        @Nullable List<LinkedChange> linkedChanges) implements ScheduleEvent {

    public ItemUnlinked {
        linkedChanges = linkedChanges == null ? null : List.copyOf(linkedChanges);
    }

    /** An ending whose event does not say what else its transaction changed. */
    public ItemUnlinked(ItemId itemId, CalendarId calendarId, Instant start, Instant end, LinkRole role, ItemId linkedItemId) {
        this(itemId, calendarId, start, end, role, linkedItemId, null);
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
