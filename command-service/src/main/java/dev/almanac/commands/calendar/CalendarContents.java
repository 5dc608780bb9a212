package dev.almanac.commands.calendar;

import java.util.List;

import dev.almanac.events.calendar.CalendarId;

/** What a calendar holds, as its deletion must know it (ADR 0084). */
@FunctionalInterface
public interface CalendarContents {

    /**
     * Takes the calendar's lock for the rest of the transaction, so that no booking commits beside the check, and gives
     * the items that hold a place on it (neither cancelled nor deleted), at most {@code limit}, in the order of their ids.
     */
    List<String> holdAndListItems(CalendarId calendarId, int limit);
}
