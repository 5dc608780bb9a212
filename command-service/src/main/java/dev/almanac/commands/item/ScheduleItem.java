package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.web.CreationCommand;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.OverbookingOverride;
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
        @Nullable String overrideReason) implements CreationCommand {

    public ScheduleItem {
        tags = List.copyOf(tags);
    }

    /** An item scheduled without a manager's override. */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, null);
    }

    public ItemScheduled toEvent() {
        return toEvent(null);
    }

    /** @param override present when only the manager's override admitted the item (SCH-021) */
    public ItemScheduled toEvent(@Nullable OverbookingOverride override) {
        return new ItemScheduled(itemId, calendarId, title, type, start, end, timezone, priority, tags, override);
    }

    @Override
    public String aggregateId() {
        return StoreIds.item(itemId);
    }

    @Override
    public boolean isRepeatOf(Object firstEvent) {
        if (!(firstEvent instanceof ItemScheduled first)) {
            return false;
        }
        OverbookingOverride override = first.override();
        return toEvent(override).equals(first) && (override == null || override.reason().equals(overrideReason));
    }
}
