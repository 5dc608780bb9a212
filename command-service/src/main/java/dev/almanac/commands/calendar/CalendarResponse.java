package dev.almanac.commands.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.platform.input.ShortDurations;

/** A calendar as a command left it; durations in the spelling requests use (90s, 30m, 1h30m). */
record CalendarResponse(
        String id,
        String name,
        @Nullable String description,
        CalendarType type,
        String timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        @Nullable CalendarOwner owner,
        String minDuration,
        String maxDuration,
        @Nullable String defaultDuration,
        boolean active,
        long version) {

    static CalendarResponse of(CalendarId calendarId, CalendarDefinition definition,
                               boolean active, long version) {
        ItemDurations durations = definition.itemDurations();
        return new CalendarResponse(calendarId.value(), definition.name(), definition.description(), definition.type(),
                definition.timezone().getId(), definition.capacity(), definition.overbookingPolicy(), definition.owner(),
                ShortDurations.format(durations.minimum()), ShortDurations.format(durations.maximum()),
                durations.defaultDuration().map(ShortDurations::format).orElse(null), active, version);
    }
}
