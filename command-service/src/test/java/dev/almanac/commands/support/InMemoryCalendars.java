package dev.almanac.commands.support;

import java.util.Optional;
import java.util.function.Function;

import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.calendar.CalendarId;

/**
 * Calendar terms that a test gives, for aggregate tests. There is no database and so no lock: holding a calendar and
 * finding its terms is finding them. A test of the order of lock and read records the calls itself.
 */
public record InMemoryCalendars(Function<CalendarId, Optional<CalendarTerms>> terms) implements Calendars {

    @Override
    public Optional<CalendarTerms> find(CalendarId calendarId) {
        return terms.apply(calendarId);
    }

    @Override
    public Optional<CalendarTerms> holdAndFind(CalendarId calendarId) {
        return terms.apply(calendarId);
    }
}
