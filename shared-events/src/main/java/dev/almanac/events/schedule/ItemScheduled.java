package dev.almanac.events.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item was put on a calendar for {@code [start, end)}. {@code dependencies} are the
 * items it depends on (seed 000's job dependencies), named when it was scheduled; a reschedule with
 * cascade moves an item's dependents with it. Events written before items had dependencies have
 * none.
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
        List<ItemId> dependencies) implements ScheduleEvent {

    /** An item that depends on no other. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, List.of());
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    public ItemScheduled {
        tags = List.copyOf(tags);
        // Absent (null) in events written before items had dependencies.
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
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
