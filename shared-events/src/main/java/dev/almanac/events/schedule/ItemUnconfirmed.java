package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** An item's confirmation was withdrawn where it stands, {@code [start, end)}: the undo of the confirmation. */
public record ItemUnconfirmed(
        ItemId itemId,
        CalendarId calendarId,
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
