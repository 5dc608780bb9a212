package dev.almanac.events.schedule;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** An item's reference to an attached file ({@link AttachmentAdded}) was removed. {@code [start, end)} is where the item stands. */
public record AttachmentRemoved(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        AttachmentId attachmentId) implements ScheduleEvent {

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
