package dev.almanac.query.entry;

import java.time.LocalDate;

import dev.almanac.query.readmodel.NewestWins;

/**
 * One calendar's UTC day: a copy of every entry that overlaps the day, and the slot summary of
 * the entries that start in it. An entry longer than a day has a copy in each day it overlaps
 * and counts only in its start day's summary. Copies are {@link NewestWins newest-wins} by the
 * entry's version, so placing and withdrawing them is idempotent and order-free.
 */
public record CalendarDay(String calendarId, LocalDate day, NewestWins<EntryCopy> entries) {

    public static CalendarDay empty(String calendarId, LocalDate day) {
        return new CalendarDay(calendarId, day, NewestWins.none());
    }

    /** The document id: calendar ids never contain {@code /}, so it separates them from the day. */
    public static String id(String calendarId, LocalDate day) {
        return calendarId + '/' + day;
    }

    /** The empty day that the document {@code id} would hold. */
    public static CalendarDay emptyOf(String id) {
        int separator = id.lastIndexOf('/');
        return empty(id.substring(0, separator), LocalDate.parse(id.substring(separator + 1)));
    }

    public String id() {
        return id(calendarId, day);
    }

    public CalendarDay place(EntryCopy copy) {
        return new CalendarDay(calendarId, day, entries.place(copy.id(), copy));
    }

    public CalendarDay withdraw(String entryId, long version) {
        return new CalendarDay(calendarId, day, entries.withdraw(entryId, version));
    }

    /** What starts in each slot of this day; a stored occurrence by its rule too ({@link EntryCopy#summaryType()}). */
    public SlotSummary summary() {
        SlotSummary.Builder summary = SlotSummary.builder();
        for (EntryCopy copy : entries.present().values()) {
            if (startsThisDay(copy)) {
                summary.add(UtcSlots.slotOf(copy.start()), copy.summaryType(), copy.lengthSeconds());
            }
        }
        return summary.build();
    }

    public boolean startsThisDay(EntryCopy copy) {
        return UtcSlots.dayOf(copy.start()).equals(day);
    }
}
