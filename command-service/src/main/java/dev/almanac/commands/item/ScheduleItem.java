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
        List<String> tags) implements CreationCommand {

    public ScheduleItem {
        tags = List.copyOf(tags);
    }

    public ItemScheduled toEvent() {
        return new ItemScheduled(itemId, calendarId, title, type, start, end, timezone, priority, tags);
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
