package dev.almanac.events.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item was put on a calendar for {@code [start, end)}. {@code override} is present when a
 * manager admitted it past the capacity of a calendar that blocks overbooking (SCH-021).
 * {@code resources} are the resources it books for that slot, each once; {@code metadata} is the
 * client's free-form JSON object, kept as sent. {@code dependencies} are the items it depends on
 * (F033-DEPENDENCIES), named when it was scheduled; a reschedule with cascade moves an
 * item's dependents with it. Events written before items had resources, metadata, a source or
 * dependencies read as none, an empty object, {@link ItemSource#MANUAL} and none. {@code tentative} is true for an item
 * put on its calendar as seed 003's Tentative (it holds its place all the same), and absent otherwise. {@code owner} is the
 * user who scheduled it, who may change it (ADR 0090); events written before items had an owner read as none, and such an
 * item is changed by every scheduler of its calendar, as before. {@code private} is true for an item that is a busy block to
 * all but its owner, its calendar's managers and the admins (ADR 0096), and absent otherwise, as on events before it.
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
        @Nullable OverbookingOverride override,
        List<ResourceBooking> resources,
        Map<String, @Nullable Object> metadata,
        ItemSource source,
        List<ItemId> dependencies,
        @Nullable Boolean tentative,
        @Nullable UserId owner,
        @JsonProperty("private") @Nullable Boolean privateItem) implements ScheduleEvent {

    /** Fills in what an event written before these fields existed leaves out. */
    public ItemScheduled {
        tags = List.copyOf(tags);
        resources = resources == null ? List.of() : List.copyOf(resources);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        source = source == null ? ItemSource.MANUAL : source;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        // Only a tentative item says so (seed 003's Tentative, ADR 0084): the others keep the field absent, as events before it.
        tentative = Boolean.TRUE.equals(tentative) ? Boolean.TRUE : null;
        privateItem = Boolean.TRUE.equals(privateItem) ? Boolean.TRUE : null;
    }

    /** An item that is not private: how every item was scheduled before ADR 0096. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags, @Nullable OverbookingOverride override,
                         @Nullable List<ResourceBooking> resources, @Nullable Map<String, @Nullable Object> metadata,
                         @Nullable ItemSource source, @Nullable List<ItemId> dependencies, @Nullable Boolean tentative,
                         @Nullable UserId owner) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, resources, metadata, source, dependencies,
                tentative, owner, null);
    }

    /** Whether the item is a busy block to all but its owner, its calendar's managers and the admins (ADR 0096). */
    public boolean keptPrivate() {
        return Boolean.TRUE.equals(privateItem);
    }

    /** An item whose owner is not recorded: how every item was scheduled before ADR 0090. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags, @Nullable OverbookingOverride override,
                         @Nullable List<ResourceBooking> resources, @Nullable Map<String, @Nullable Object> metadata,
                         @Nullable ItemSource source, @Nullable List<ItemId> dependencies, @Nullable Boolean tentative) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, resources, metadata, source, dependencies,
                tentative, null);
    }

    /** An item scheduled firm: seed 003's Scheduled. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags, @Nullable OverbookingOverride override,
                         @Nullable List<ResourceBooking> resources, @Nullable Map<String, @Nullable Object> metadata,
                         @Nullable ItemSource source, @Nullable List<ItemId> dependencies) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, resources, metadata, source, dependencies,
                null);
    }

    /** Whether the item was put on its calendar as tentative, held but not yet firm (seed 003's Tentative). */
    public boolean startsTentative() {
        return Boolean.TRUE.equals(tentative);
    }

    /** An item placed within its calendar's capacity, or on a calendar that does not block overbooking. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, null);
    }

    /** An item that books no resource, carries no metadata and depends on no other, scheduled by hand. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags, @Nullable OverbookingOverride override) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, null, null, null);
    }

    /** An item that depends on no other. */
    public ItemScheduled(ItemId itemId, CalendarId calendarId, String title, String type, Instant start, Instant end,
                         ZoneId timezone, Priority priority, List<String> tags, @Nullable OverbookingOverride override,
                         @Nullable List<ResourceBooking> resources, @Nullable Map<String, @Nullable Object> metadata,
                         @Nullable ItemSource source) {
        this(itemId, calendarId, title, type, start, end, timezone, priority, tags, override, resources, metadata, source, null);
    }

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
