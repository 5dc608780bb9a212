package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.web.CreationCommand;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;

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
        List<ResourceBooking> resources,
        Map<String, @Nullable Object> metadata,
        ItemSource source) implements CreationCommand {

    public ScheduleItem {
        tags = List.copyOf(tags);
        resources = List.copyOf(resources);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** An item that books no resource and carries no metadata, scheduled by hand. */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, List.of(), Map.of(), ItemSource.MANUAL);
    }

    public ItemScheduled toEvent() {
        return new ItemScheduled(itemId, calendarId, title, type, start, end, timezone, priority, tags, resources, metadata, source);
    }

    /** The resources the item books, in the order named. */
    public List<ResourceId> resourceIds() {
        return resources.stream().map(ResourceBooking::resourceId).toList();
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
