package dev.almanac.commands.calendar;

import java.util.Optional;

import dev.almanac.events.calendar.CalendarId;

/**
 * Finds a calendar's terms from the event store, consistently, for commands on other
 * aggregates that must respect them.
 */
public interface Calendars {

    Optional<CalendarTerms> find(CalendarId calendarId);

    /**
     * Takes the calendar's lock ({@link CalendarLock}) for the rest of the transaction, then finds its terms. They
     * stay current until the transaction ends, since a change of terms takes the same lock ({@link TermsGuard}).
     */
    Optional<CalendarTerms> holdAndFind(CalendarId calendarId);
}
