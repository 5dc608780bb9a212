package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.SlotSummary;

/**
 * What a kept window was counted from, day by day, with the grid that the counting left: enough to
 * take a day's counts away again and add the same day as it reads after a write, instead of
 * counting every day of the window again (ADR 0064). Never changed once made: an update
 * copies the grid and makes new kept days.
 *
 * @param grid the grid the window was made from, which no one changes any more
 * @param plan how the window's slots count
 * @param days by document id (a window day, or one calendar's day), the counts read from it
 * @param dayOf by document id, the UTC day it holds
 */
record KeptDays(BucketGrid grid, SlotPlan plan, Map<String, Day> days, Map<String, LocalDate> dayOf) {

    /**
     * One document's counts as read, in their binary forms: a day is decoded again only when it changes, and a
     * decoded summary holds arrays for all 96 slots (about 2.9 KB with four types) where a calendar's day with a few
     * entries encodes in tens of bytes.
     *
     * @param summary the day's slot summary ({@link SlotSummary#toBytes}): every calendar's added up, or the one
     *                calendar's
     * @param calendarCounts for a window over all calendars, each calendar's count per slot ({@link CalendarSlotCounts})
     */
    record Day(byte[] summary, byte @Nullable [] calendarCounts) {

        SlotSummary decodedSummary() {
            return SlotSummary.fromBytes(summary);
        }

        long bytes() {
            return 64L + summary.length + (calendarCounts == null ? 0 : calendarCounts.length);
        }
    }

    /** About how many bytes the kept days hold, for the answers' bound on what they keep. */
    long bytes() {
        long bytes = 0;
        for (Day day : days.values()) {
            bytes += day.bytes();
        }
        return bytes;
    }

    /** Whether the document {@code id} holds a day of this window with no slot that must be counted entry by entry. */
    boolean wholeSlotsOnly(String id) {
        LocalDate day = dayOf.get(id);
        if (day == null) {
            return false;
        }
        for (int bucket : plan.bucketsOf(day)) {
            if (bucket == SlotPlan.SPLIT) {
                return false;
            }
        }
        return true;
    }
}
