package dev.almanac.query.window;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.horizon.BeyondHorizon;
import dev.almanac.query.horizon.VirtualDay;

/**
 * Counts rule occurrences beyond the materialised horizon into a window's grid (ADR 0019): {@link BeyondHorizon} gives
 * them pre-counted per UTC day and slot, in the shape of the slot summaries, and they roll up the same way.
 */
final class BeyondHorizonCounts {

    private BeyondHorizonCounts() {
    }

    /**
     * The occurrences beyond the horizon, of every calendar or of {@code queue}: whole slots from
     * the pre-counted days, split slots occurrence by occurrence.
     */
    static void add(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond, @Nullable String queue, Set<String> hidden) {
        if (beyond.isEmpty()) {
            return;
        }
        if (queue != null) {
            addOf(grid, plan, beyond, queue, 1);
            return;
        }
        addAll(grid, plan, beyond);
        // The pre-counted days add every calendar up: the hidden ones' occurrences are taken away again, rule by rule, as
        // their window days' are. A few hidden calendars cost their own rules, not every other calendar's.
        hidden.forEach(calendarId -> addOf(grid, plan, beyond, calendarId, -1));
    }

    /**
     * Every calendar's occurrences: per day, each run of slots that falls in one bucket adds the
     * differences of the day's running totals. Days with the same calendars and types share their
     * name arrays, so the names are numbered in the grid once, not once a day.
     */
    private static void addAll(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond) {
        String[] numberedCalendars = null;
        String[] numberedTypes = null;
        int[] queueOrdinals = new int[0];
        int[] typeOrdinals = new int[0];
        for (LocalDate day : plan.days()) {
            VirtualDay virtual = beyond.day(day);
            if (virtual.isEmpty()) {
                continue;
            }
            if (virtual.calendars() != numberedCalendars) {
                numberedCalendars = virtual.calendars();
                queueOrdinals = ordinals(numberedCalendars, grid::queue);
            }
            if (virtual.types() != numberedTypes) {
                numberedTypes = virtual.types();
                typeOrdinals = ordinals(numberedTypes, grid::type);
            }
            int[] buckets = plan.bucketsOf(day);
            int[] runEnds = plan.runEndsOf(day);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot = runEnds[slot]) {
                int bucket = buckets[slot];
                int end = runEnds[slot];
                if (bucket < 0 || virtual.count(slot, end) == 0) {
                    continue;
                }
                grid.addSeconds(bucket, virtual.seconds(slot, end));
                for (int type = 0; type < typeOrdinals.length; type++) {
                    int count = virtual.typeCount(type, slot, end);
                    if (count != 0) {
                        grid.addType(bucket, typeOrdinals[type], count);
                    }
                }
                for (int calendar = 0; calendar < queueOrdinals.length; calendar++) {
                    int count = virtual.calendarCount(calendar, slot, end);
                    if (count != 0) {
                        grid.addCounts(bucket, queueOrdinals[calendar], count);
                    }
                }
            }
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (buckets[slot] == SlotPlan.SPLIT && virtual.count(slot, slot + 1) > 0) {
                    Instant start = UtcSlots.slotStart(day, slot);
                    beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), null, grid::add);
                }
            }
        }
    }

    private static int[] ordinals(String[] names, ToIntFunction<String> ordinal) {
        int[] ordinals = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ordinals[i] = ordinal.applyAsInt(names[i]);
        }
        return ordinals;
    }

    /**
     * One calendar's occurrences, from its rules' own day summaries (kept per rule version), slot
     * by slot: a calendar has few rules, and a day of one is 96 slots to look at. Added ({@code sign}
     * 1), or taken away (-1) from a grid that counted every calendar.
     */
    private static void addOf(BucketGrid grid, SlotPlan plan, BeyondHorizon.Snapshot beyond, String queue, int sign) {
        int queueOrdinal = -1;
        boolean[] splitWithOccurrences = new boolean[UtcSlots.PER_DAY];
        for (LocalDate day : plan.days()) {
            List<Map.Entry<String, SlotSummary>> rules = beyond.rulesStartingOn(day, queue, null);
            if (rules.isEmpty()) {
                continue;
            }
            queueOrdinal = queueOrdinal < 0 ? grid.queue(queue) : queueOrdinal;
            int[] buckets = plan.bucketsOf(day);
            boolean split = false;
            for (Map.Entry<String, SlotSummary> rule : rules) {
                SlotSummary summary = rule.getValue();
                int[] typeOrdinals = summary.types().stream().mapToInt(grid::type).toArray();
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    int count = summary.count(slot);
                    int bucket = buckets[slot];
                    if (count == 0 || bucket == SlotPlan.OUTSIDE) {
                        continue;
                    }
                    if (bucket == SlotPlan.SPLIT) {
                        splitWithOccurrences[slot] = true;
                        split = true;
                        continue;
                    }
                    grid.addCounts(bucket, queueOrdinal, (long) sign * count);
                    grid.addSeconds(bucket, sign * summary.seconds(slot));
                    for (int type = 0; type < typeOrdinals.length; type++) {
                        int typeCount = summary.typeCount(type, slot);
                        if (typeCount != 0) {
                            grid.addType(bucket, typeOrdinals[type], (long) sign * typeCount);
                        }
                    }
                }
            }
            if (split) {
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    if (splitWithOccurrences[slot]) {
                        splitWithOccurrences[slot] = false;
                        Instant start = UtcSlots.slotStart(day, slot);
                        beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> grid.add(timing, sign));
                    }
                }
            }
        }
    }

    /**
     * The occurrences beyond the horizon of one type (of any, when null) for a filtered window:
     * every rule runs occurrences of one type and length, so each rule's own day summaries count
     * them exactly, seconds included.
     */
    static void addOfType(BucketGrid grid, BeyondHorizon.Snapshot beyond, List<LocalDate> days, @Nullable String queue,
                          @Nullable String type, CalendarVisibility visibility) {
        Set<Instant> splitSlots = new LinkedHashSet<>();
        for (LocalDate day : days) {
            for (Map.Entry<String, SlotSummary> rule : beyond.rulesStartingOn(day, queue, type)) {
                if (!visibility.shows(rule.getKey())) {
                    continue;
                }
                SlotSummary summary = rule.getValue();
                int ordinal = grid.queue(rule.getKey());
                int typeOrdinal = grid.type(summary.types().get(0));
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    int count = summary.count(slot);
                    if (count == 0) {
                        continue;
                    }
                    Instant start = UtcSlots.slotStart(day, slot);
                    Instant end = start.plus(UtcSlots.SLOT);
                    if (!end.isAfter(grid.window().from()) || !start.isBefore(grid.window().till())) {
                        continue;
                    }
                    int bucket = grid.bucketOf(start);
                    if (!start.isBefore(grid.window().from()) && !end.isAfter(grid.window().till())
                            && bucket == grid.bucketOf(end.minusNanos(1))) {
                        grid.addCounts(bucket, ordinal, count);
                        grid.addSeconds(bucket, summary.seconds(slot));
                        grid.addType(bucket, typeOrdinal, count);
                    } else {
                        splitSlots.add(start);
                    }
                }
            }
        }
        for (Instant start : splitSlots) {
            beyond.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> {
                if ((type == null || type.equals(timing.type())) && visibility.shows(timing.calendarId())) {
                    grid.add(timing);
                }
            });
        }
    }

}
