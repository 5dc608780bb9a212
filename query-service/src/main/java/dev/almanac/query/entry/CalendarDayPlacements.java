package dev.almanac.query.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where an entry's copies go when a batch of events changed it. The entry's last state puts a copy
 * into every UTC day it overlaps; every other day where an earlier state had a copy (the stored
 * state, the states in between, and the previous times a reschedule names) gets a withdrawal at
 * the last state's version. A cancelled entry has no copy: every day it touched gets a withdrawal.
 * Days are last-writer-wins by version, so these changes may be applied
 * in any order, again, or after a newer writer's, and the day still ends up as the newest version
 * says.
 */
public final class CalendarDayPlacements {

    private CalendarDayPlacements() {
    }

    /**
     * Adds the day changes for one entry to {@code changes}, keyed by day document id.
     *
     * @param states every state of the entry this batch saw, oldest first (the stored one, when there was one) and the newest last
     */
    public static void plan(List<Entry> states, Map<String, List<UnaryOperator<CalendarDay>>> changes) {
        Entry last = states.get(states.size() - 1);
        Set<String> placed = last.isOnCalendar() ? new LinkedHashSet<>(dayIds(last.calendarId(), last.start(), last.end())) : Set.of();
        Set<String> touched = new LinkedHashSet<>(dayIds(last.calendarId(), last.start(), last.end()));
        for (Entry state : states) {
            touched.addAll(dayIds(state.calendarId(), state.start(), state.end()));
            if (state.previousStart() != null && state.previousEnd() != null) {
                touched.addAll(dayIds(state.calendarId(), state.previousStart(), state.previousEnd()));
            }
        }
        EntryCopy copy = EntryCopy.of(last);
        for (String dayId : touched) {
            UnaryOperator<CalendarDay> change = placed.contains(dayId)
                    ? day -> day.place(copy)
                    : day -> day.withdraw(last.id(), last.version());
            changes.computeIfAbsent(dayId, id -> new ArrayList<>()).add(change);
        }
    }

    private static List<String> dayIds(String calendarId, Instant start, Instant end) {
        List<String> ids = new ArrayList<>();
        for (LocalDate day : UtcSlots.daysOverlapping(start, end)) {
            ids.add(CalendarDay.id(calendarId, day));
        }
        return ids;
    }
}
