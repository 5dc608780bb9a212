package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.web.CreationCommand;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;

public record ScheduleItem(
        ItemId itemId,
        CalendarId calendarId,
        String title,
        String type,
        Instant start,
        Instant end,
        ZoneId timezone,
        Priority priority,
        List<String> tags,
        List<ItemId> dependencies) implements CreationCommand {

    public ScheduleItem {
        tags = List.copyOf(tags);
        dependencies = List.copyOf(dependencies);
    }

    /** An item that depends on no other. */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, List.of());
    }

    public ItemScheduled toEvent() {
        return new ItemScheduled(itemId, calendarId, title, type, start, end, timezone, priority, tags, dependencies);
    }

    @Override
    public String aggregateId() {
        return StoreIds.item(itemId);
    }

    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return toEvent().equals(firstEvent);
    }
}
