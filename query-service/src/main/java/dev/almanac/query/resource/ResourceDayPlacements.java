package dev.almanac.query.resource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.query.entry.Entry;
import dev.almanac.query.entry.UtcSlots;

/**
 * Where an entry's bookings go when a batch of events changed it, as {@code CalendarDayPlacements}
 * places its copies on its calendar's days: the item's last state books each of its resources on
 * every UTC day it overlaps; every other resource day where an earlier state had a copy (the stored
 * state, the states in between, and the previous times a reschedule names) gets a withdrawal at the
 * last state's version. A cancelled item books nothing. A backfill or catch-up run books its rule's
 * resources as an item books its own (ADR 0029); the rule's other occurrences book theirs through
 * the rules' timelines (ADR 0068) and are not stored.
 */
public final class ResourceDayPlacements {

    private ResourceDayPlacements() {
    }

    /**
     * Adds the resource-day changes for one entry to {@code changes}, keyed by day document id.
     *
     * @param states every state of the entry this batch saw, oldest first, the newest last
     */
    public static void plan(List<Entry> states, Map<String, List<UnaryOperator<ResourceDay>>> changes) {
        Entry last = states.get(states.size() - 1);
        Set<String> placed = last.isOnCalendar() ? dayIds(last.resources(), last.start(), last.end()) : Set.of();
        Set<String> touched = new LinkedHashSet<>(placed);
        for (Entry state : states) {
            touched.addAll(dayIds(state.resources(), state.start(), state.end()));
            if (state.previousStart() != null && state.previousEnd() != null) {
                touched.addAll(dayIds(state.resources(), state.previousStart(), state.previousEnd()));
            }
        }
        Booking booking = new Booking(last.start(), last.end(), last.version());
        for (String dayId : touched) {
            UnaryOperator<ResourceDay> change = placed.contains(dayId)
                    ? day -> day.place(last.id(), booking)
                    : day -> day.withdraw(last.id(), last.version());
            changes.computeIfAbsent(dayId, id -> new ArrayList<>()).add(change);
        }
    }

    private static Set<String> dayIds(List<ResourceBooking> resources, Instant start, Instant end) {
        Set<String> ids = new LinkedHashSet<>();
        for (ResourceBooking resource : resources) {
            for (LocalDate day : UtcSlots.daysOverlapping(start, end)) {
                ids.add(ResourceDay.id(resource.resourceId().value(), day));
            }
        }
        return ids;
    }
}
