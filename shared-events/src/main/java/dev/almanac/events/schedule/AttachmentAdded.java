package dev.almanac.events.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * An item gained a reference to an attached file (DEP-ATTACH). Almanac keeps the reference, never the
 * file: exactly one of {@code url} (https) and {@code storageKey} (a key in the client's own store)
 * says where the file is. {@code [start, end)} is where the item stands, so a consumer that never
 * saw it can still place it.
 */
public record AttachmentAdded(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        AttachmentId attachmentId,
        String name,
        String mediaType,
        long sizeBytes,
        @Nullable String url,
        @Nullable String storageKey) implements ScheduleEvent {

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
