package dev.almanac.commands.calendar;

import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;

record CalendarResponse(
        String id,
        String name,
        CalendarType type,
        String timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        long version) {

    static CalendarResponse of(CreateCalendar command, long version) {
        return new CalendarResponse(command.calendarId().value(), command.name(), command.type(),
                command.timezone().getId(), command.capacity(), command.overbookingPolicy(), version);
    }
}
