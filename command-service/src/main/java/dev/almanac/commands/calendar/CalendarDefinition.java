package dev.almanac.commands.calendar;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;

/** Everything a client says about a calendar when creating or replacing it. */
public record CalendarDefinition(
        String name,
        @Nullable String description,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        @Nullable CalendarOwner owner,
        ItemDurations itemDurations) {

    static CalendarDefinition of(CalendarCreated created) {
        return new CalendarDefinition(created.name(), created.description(), created.type(), created.timezone(),
                created.capacity(), created.overbookingPolicy(), created.owner(), created.durations());
    }

    static CalendarDefinition of(CalendarUpdated updated) {
        return new CalendarDefinition(updated.name(), updated.description(), updated.type(), updated.timezone(),
                updated.capacity(), updated.overbookingPolicy(), updated.owner(), updated.itemDurations());
    }

    CalendarCreated created(CalendarId calendarId) {
        return new CalendarCreated(calendarId, name, type, timezone, capacity, overbookingPolicy, description, owner, itemDurations);
    }

    CalendarUpdated updated(CalendarId calendarId) {
        return new CalendarUpdated(calendarId, name, type, timezone, capacity, overbookingPolicy, description, owner, itemDurations);
    }

    /** Whether items booked under {@code before} may breach this definition: less room, or newly blocking. */
    boolean tightens(CalendarDefinition before) {
        return overbookingPolicy == OverbookingPolicy.BLOCK
                && (before.overbookingPolicy != OverbookingPolicy.BLOCK || capacity < before.capacity);
    }
}
