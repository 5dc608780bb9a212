package dev.almanac.commands.calendar;

import java.util.Optional;

import dev.almanac.events.calendar.CalendarId;

/**
 * Finds a calendar's terms from the event store, consistently, for commands on other
 * aggregates that must respect them.
 */
@FunctionalInterface
public interface Calendars {

    Optional<CalendarTerms> find(CalendarId calendarId);
}
