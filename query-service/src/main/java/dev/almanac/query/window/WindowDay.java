package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.almanac.query.entry.CalendarDay;
import dev.almanac.query.entry.SlotSummary;

/**
 * One UTC day across all calendars: each calendar's slot summary of that day, as its
 * {@link dev.almanac.query.entry.CalendarDay} holds it. The window over all calendars reads one
 * of these per day, however many calendars there are. It is derived: a write sets a calendar's
 * summary to what the calendar's day document holds now, so writing it again changes nothing.
 */
public record WindowDay(LocalDate day, SortedMap<String, SlotSummary> calendars) {

    public WindowDay {
        calendars = Collections.unmodifiableSortedMap(new TreeMap<>(calendars));
    }

    public static String id(LocalDate day) {
        return day.toString();
    }

    public static WindowDay emptyOf(String id) {
        return new WindowDay(LocalDate.parse(id), new TreeMap<>());
    }

    public String id() {
        return id(day);
    }

    /** The day with the calendar's summary replaced; a calendar with nothing starting that day is left out. */
    public WindowDay with(String calendarId, SlotSummary summary) {
        TreeMap<String, SlotSummary> updated = new TreeMap<>(calendars);
        put(updated, calendarId, summary);
        return new WindowDay(day, updated);
    }

    private static void put(SortedMap<String, SlotSummary> calendars, String calendarId, SlotSummary summary) {
        if (summary.isEmpty()) {
            calendars.remove(calendarId);
        } else {
            calendars.put(calendarId, summary);
        }
    }

    /**
     * The day with each of these calendar days' summaries as the calendar days now hold them. It
     * is computed from the current per-calendar state, not from events, so applying it again
     * (after a crash between the two writes, on redelivery) repairs rather than double-counts.
     */
    public WindowDay following(Collection<CalendarDay> calendarDays) {
        TreeMap<String, SlotSummary> updated = new TreeMap<>(calendars);
        for (CalendarDay calendarDay : calendarDays) {
            put(updated, calendarDay.calendarId(), calendarDay.summary());
        }
        return new WindowDay(day, updated);
    }

    /** Every calendar's summary added up. */
    public SlotSummary merged() {
        SlotSummary.Builder merged = SlotSummary.builder();
        calendars.values().forEach(merged::addAll);
        return merged.build();
    }
}
