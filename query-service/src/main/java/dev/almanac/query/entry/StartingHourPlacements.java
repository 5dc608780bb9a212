package dev.almanac.query.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where an entry's copy goes in the starting hours when a batch of events changed it: the last
 * state puts it into the hour it starts in, and every other hour an earlier state started in (the
 * stored state, the states in between, the previous start a reschedule names) gets a withdrawal at
 * the last state's version. A cancelled entry is withdrawn everywhere. As for
 * {@link CalendarDayPlacements}, the changes are newest-wins, so they may be applied in any order,
 * again, or after a newer writer's.
 */
public final class StartingHourPlacements {

    private StartingHourPlacements() {
    }

    /**
     * Adds the hour changes for one entry to {@code changes}, keyed by hour document id.
     *
     * @param states every state of the entry this batch saw, oldest first (the stored one, when there was one) and the newest last
     */
    public static void plan(List<Entry> states, Map<String, List<UnaryOperator<StartingHour>>> changes) {
        Entry last = states.get(states.size() - 1);
        String placedIn = last.isOnCalendar() ? StartingHour.idOf(last.start()) : null;
        Set<String> touched = new LinkedHashSet<>();
        touched.add(StartingHour.idOf(last.start()));
        for (Entry state : states) {
            touched.add(StartingHour.idOf(state.start()));
            Instant previous = state.previousStart();
            if (previous != null) {
                touched.add(StartingHour.idOf(previous));
            }
        }
        PlacedCopy placed = new PlacedCopy(last.calendarId(), EntryCopy.of(last));
        for (String hourId : touched) {
            UnaryOperator<StartingHour> change = hourId.equals(placedIn)
                    ? hour -> hour.place(placed)
                    : hour -> hour.withdraw(last.id(), last.version());
            changes.computeIfAbsent(hourId, id -> new ArrayList<>()).add(change);
        }
    }
}
