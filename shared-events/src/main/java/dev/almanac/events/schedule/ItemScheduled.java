package dev.almanac.events.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item was put on a calendar for {@code [start, end)}. {@code override} is present when a
 * manager admitted it past the capacity of a calendar that blocks overbooking (SCH-021).
 */
public record ItemScheduled(
        ItemId itemId,
        CalendarId calendarId,
        String title,
        String type,
        Instant start,
        Instant end,
        ZoneId timezone,
        Priority priority,
        List<String> tags,
        @Nullable OverbookingOverride override) implements ScheduleEvent {

    /** An item placed within its calendar's capacity, or on a calendar that does not block overbooking. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, null);
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    public ItemScheduled {
        tags = List.copyOf(tags);
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
