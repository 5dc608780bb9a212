package dev.almanac.events.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** A one-off item was put on a calendar for {@code [start, end)}. */
public record ItemScheduled(
        ItemId itemId,
        CalendarId calendarId,
        String title,
        String type,
        Instant start,
        Instant end,
        ZoneId timezone,
        Priority priority,
        List<String> tags) implements ScheduleEvent {

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
