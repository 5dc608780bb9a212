package dev.almanac.query.access;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which calendars a read across calendars shows its caller (ADR 0060): every calendar but those
 * with grants on which the caller has no role. A read filters its entries, conflicts, rules and events by
 * {@link #shows}; an aggregate leaves the hidden calendars out of its counts.
 *
 * @param hidden the calendars left out, in order
 */
public record CalendarVisibility(SortedSet<String> hidden) {

    /** What an admin, or a calendar read with no caller, sees: everything. */
    public static final CalendarVisibility EVERY_CALENDAR = new CalendarVisibility(new TreeSet<>());

    public CalendarVisibility {
        hidden = Collections.unmodifiableSortedSet(new TreeSet<>(hidden));
    }

    public static CalendarVisibility hiding(Collection<String> calendarIds) {
        return calendarIds.isEmpty() ? EVERY_CALENDAR : new CalendarVisibility(new TreeSet<>(calendarIds));
    }

    public boolean shows(String calendarId) {
        return !hidden.contains(calendarId);
    }

    public boolean showsEveryCalendar() {
        return hidden.isEmpty();
    }
}
