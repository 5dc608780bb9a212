package dev.almanac.commands.calendar;

import java.time.ZoneId;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.web.CreationCommand;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;

public record CreateCalendar(
        CalendarId calendarId,
        String name,
        CalendarType type,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy) implements CreationCommand {

    @Override
    public String aggregateId() {
        return StoreIds.calendar(calendarId);
    }

    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return toEvent().equals(firstEvent);
    }

    /** The event this command produces; a repeated create is idempotent when it would produce the same. */
    public CalendarCreated toEvent() {
        return new CalendarCreated(calendarId, name, type, timezone, capacity, overbookingPolicy);
    }
}
