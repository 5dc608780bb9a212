package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.OverbookingOverride;
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
        @Nullable String overrideReason,
        List<ResourceBooking> resources,
        Map<String, @Nullable Object> metadata,
        ItemSource source,
        List<ItemId> dependencies,
        boolean tentative,
        boolean privateItem) implements CreationCommand {

    public ScheduleItem {
        tags = List.copyOf(tags);
        resources = List.copyOf(resources);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        dependencies = List.copyOf(dependencies);
    }

    /** An item that is not private (ADR 0096). */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags, @Nullable String overrideReason,
                        List<ResourceBooking> resources, Map<String, @Nullable Object> metadata, ItemSource source,
                        List<ItemId> dependencies, boolean tentative) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, overrideReason, resources, metadata, source,
                dependencies, tentative, false);
    }

    /** An item scheduled firm (not tentative). */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags, @Nullable String overrideReason,
                        List<ResourceBooking> resources, Map<String, @Nullable Object> metadata, ItemSource source,
                        List<ItemId> dependencies) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, overrideReason, resources, metadata, source,
                dependencies, false);
    }

    /** An item scheduled by hand without a manager's override, booking no resource and carrying no metadata. */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, null);
    }

    /** An item scheduled by hand, booking no resource, carrying no metadata and depending on no other. */
    public ScheduleItem(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                        ZoneId timezone, Priority priority, List<String> tags, @Nullable String overrideReason) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, overrideReason, List.of(), Map.of(),
                ItemSource.MANUAL, List.of());
    }

    /** The event of the item scheduled by {@code owner}, within its calendar's capacity. */
    public ItemScheduled toEvent(@Nullable UserId owner) {
        return toEvent(null, owner);
    }

    /**
     * @param override present when only the manager's override admitted the item (SCH-021)
     * @param owner    the user who schedules it, and so may change it (ADR 0090)
     */
    public ItemScheduled toEvent(@Nullable OverbookingOverride override, @Nullable UserId owner) {
        return new ItemScheduled(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, resources, metadata,
                source, dependencies, tentative ? Boolean.TRUE : null, owner, privateItem);
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
        // Who the first creation's owner is decides nothing here: a repeat by anyone else is refused before (ADR 0086).
        return toEvent(override, first.owner()).equals(first) && (override == null || override.reason().equals(overrideReason));
    }
}
