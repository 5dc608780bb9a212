package dev.almanac.commands.calendar;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.command.CreationCommand;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;

public record CreateCalendar(CalendarId calendarId, CalendarDefinition definition) implements CreationCommand {

    @Override
    public String aggregateId() {
        return StoreIds.calendar(calendarId);
    }

    /** A calendar created before calendars had item durations of their own repeats a request for its type's defaults. */
    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return firstEvent instanceof CalendarCreated created
                && created.calendarId().equals(calendarId)
                && CalendarDefinition.of(created).equals(definition);
    }

    public CalendarCreated toEvent() {
        return definition.created(calendarId);
    }
}
