package dev.almanac.events.schedule;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A link between two items ({@link ItemLinked}) was ended; both stay where they are, and each
 * moves on its own from now on. One event is written to each item's history, in one transaction;
 * {@code role} is the side this item was on. {@code [start, end)} is where this item stands.
 */
public record ItemUnlinked(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        LinkRole role,
        ItemId linkedItemId) implements ScheduleEvent {

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
