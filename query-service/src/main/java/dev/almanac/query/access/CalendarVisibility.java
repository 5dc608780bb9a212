package dev.almanac.query.access;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Which calendars a read across calendars shows its caller (ADR 0060, ADR 0086): every calendar but those on which the
 * caller has no role. A read filters its entries, conflicts, rules and events by {@link #shows}; an aggregate leaves the
 * hidden calendars out of its counts.
 *
 * @param hidden the calendars left out, in order
 * @param shown  for a caller denied by default, the calendars they may read, in order, as read with {@code hidden}; null
 *               where calendars without grants are open to them and any calendar not hidden is shown. A calendar created
 *               after the read is in neither, and not shown.
 */
public record CalendarVisibility(SortedSet<String> hidden, @Nullable SortedSet<String> shown) {

    /** What an admin, or a calendar read with no caller, sees: everything. */
    public static final CalendarVisibility EVERY_CALENDAR = new CalendarVisibility(new TreeSet<>(), null);

    public CalendarVisibility {
        hidden = Collections.unmodifiableSortedSet(new TreeSet<>(hidden));
        shown = shown == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(shown));
    }

    public static CalendarVisibility hiding(Collection<String> calendarIds) {
        return calendarIds.isEmpty() ? EVERY_CALENDAR : new CalendarVisibility(new TreeSet<>(calendarIds), null);
    }

    /** Denied by default: {@code shown} are the calendars the caller may read, {@code hidden} every other known one. */
    public static CalendarVisibility showingOnly(Collection<String> shown, Collection<String> hidden) {
        return new CalendarVisibility(new TreeSet<>(hidden), new TreeSet<>(shown));
    }

    public boolean shows(String calendarId) {
        return shown == null ? !hidden.contains(calendarId) : shown.contains(calendarId);
    }

    public boolean showsEveryCalendar() {
        return shown == null && hidden.isEmpty();
    }
}
