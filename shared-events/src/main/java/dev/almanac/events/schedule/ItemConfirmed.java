package dev.almanac.events.schedule;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item's place on its calendar for {@code [start, end)} was confirmed (SCH-STATUS's
 * {@code Confirmed} status). A later reschedule keeps the confirmation.
 */
public record ItemConfirmed(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end) implements ScheduleEvent {

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
