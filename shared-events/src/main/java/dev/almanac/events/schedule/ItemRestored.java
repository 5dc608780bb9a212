package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A cancelled item is back on its calendar at {@code [start, end)}, where it was: the undo of its
 * cancellation, a compensating event that leaves the cancellation in the history. {@code title}
 * is there so a consumer that kept only the interval can place the item again.
 */
public record ItemRestored(
        ItemId itemId,
        CalendarId calendarId,
        String title,
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
