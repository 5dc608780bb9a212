package dev.almanac.query.window;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.query.access.CalendarVisibility;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.OccurrenceDay;

/**
 * Counts rule occurrences into a window's grid (ADR 0068): {@link RuleTimelines} gives them pre-counted per UTC day and
 * slot, in the shape of the slot summaries, and they roll up the same way.
 */
final class RuleOccurrenceCounts {

    private RuleOccurrenceCounts() {
    }

    /**
     * The rule occurrences of {@code query}: of its queue, or of every calendar (of its tenant's, in multi-tenant mode)
     * but those it hides. Whole slots from the pre-counted days, split slots occurrence by occurrence.
     */
    static void add(BucketGrid grid, SlotPlan plan, RuleTimelines.Snapshot occurrences, WindowAnswers.Query query) {
        if (occurrences.isEmpty()) {
            return;
        }
        if (query.queue() != null) {
            addOf(grid, plan, occurrences, query.queue(), 1);
            return;
        }
        addAll(grid, plan, occurrences, query.tenant());
        // The pre-counted days add every calendar up: the hidden ones' occurrences are taken away again, rule by rule, as
        // their window days' are. A few hidden calendars cost their own rules, not every other calendar's.
        query.hidden().forEach(calendarId -> addOf(grid, plan, occurrences, calendarId, -1));
    }

    /**
     * Every calendar's occurrences, or {@code tenant}'s calendars': per day, each run of slots that falls in one bucket
     * adds the differences of the day's running totals. Days with the same calendars and types share their name arrays,
     * so the names are numbered in the grid once, not once a day.
     */
    private static void addAll(BucketGrid grid, SlotPlan plan, RuleTimelines.Snapshot occurrences, @Nullable Tenant tenant) {
        String[] numberedCalendars = null;
        String[] numberedTypes = null;
        int[] queueOrdinals = new int[0];
        int[] typeOrdinals = new int[0];
        for (LocalDate day : plan.days()) {
            OccurrenceDay counted = occurrences.day(tenant, day);
            if (counted.isEmpty()) {
                continue;
            }
            if (counted.calendars() != numberedCalendars) {
                numberedCalendars = counted.calendars();
                queueOrdinals = ordinals(numberedCalendars, grid::queue);
            }
            if (counted.types() != numberedTypes) {
                numberedTypes = counted.types();
                typeOrdinals = ordinals(numberedTypes, grid::type);
            }
            int[] buckets = plan.bucketsOf(day);
            int[] runEnds = plan.runEndsOf(day);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot = runEnds[slot]) {
                int bucket = buckets[slot];
                int end = runEnds[slot];
                if (bucket < 0 || counted.count(slot, end) == 0) {
                    continue;
                }
                grid.addSeconds(bucket, counted.seconds(slot, end));
                for (int type = 0; type < typeOrdinals.length; type++) {
                    int count = counted.typeCount(type, slot, end);
                    if (count != 0) {
                        grid.addType(bucket, typeOrdinals[type], count);
                    }
                }
                for (int calendar = 0; calendar < queueOrdinals.length; calendar++) {
                    int count = counted.calendarCount(calendar, slot, end);
                    if (count != 0) {
                        grid.addCounts(bucket, queueOrdinals[calendar], count);
                    }
                }
            }
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (buckets[slot] == SlotPlan.SPLIT && counted.count(slot, slot + 1) > 0) {
                    Instant start = UtcSlots.slotStart(day, slot);
                    occurrences.forEachStartingIn(start, start.plus(UtcSlots.SLOT), null, timing -> {
                        if (tenant == null || tenant.owns(timing.calendarId())) {
                            grid.add(timing);
                        }
                    });
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
    private static void addOf(BucketGrid grid, SlotPlan plan, RuleTimelines.Snapshot occurrences, String queue, int sign) {
        int queueOrdinal = -1;
        boolean[] splitWithOccurrences = new boolean[UtcSlots.PER_DAY];
        for (LocalDate day : plan.days()) {
            List<Map.Entry<String, SlotSummary>> rules = occurrences.rulesStartingOn(day, queue, null);
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
                        occurrences.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> grid.add(timing, sign));
                    }
                }
            }
        }
    }

    /**
     * The rule occurrences of one type (of any, when null) for a filtered window: each rule's own day summaries, of that
     * type alone ({@link RuleTimelines.Snapshot#rulesStartingOn}), count them exactly, seconds included.
     */
    static void addOfType(BucketGrid grid, RuleTimelines.Snapshot occurrences, List<LocalDate> days, @Nullable String queue,
                          @Nullable String type, CalendarVisibility visibility) {
        Set<Instant> splitSlots = new LinkedHashSet<>();
        for (LocalDate day : days) {
            for (Map.Entry<String, SlotSummary> rule : occurrences.rulesStartingOn(day, queue, type)) {
                if (!visibility.shows(rule.getKey())) {
                    continue;
                }
                SlotSummary summary = rule.getValue();
                int ordinal = grid.queue(rule.getKey());
                int[] typeOrdinals = summary.types().stream().mapToInt(grid::type).toArray();
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
                        for (int typeIndex = 0; typeIndex < typeOrdinals.length; typeIndex++) {
                            int typeCount = summary.typeCount(typeIndex, slot);
                            if (typeCount != 0) {
                                grid.addType(bucket, typeOrdinals[typeIndex], typeCount);
                            }
                        }
                    } else {
                        splitSlots.add(start);
                    }
                }
            }
        }
        for (Instant start : splitSlots) {
            occurrences.forEachStartingIn(start, start.plus(UtcSlots.SLOT), queue, timing -> {
                if ((type == null || type.equals(timing.type())) && visibility.shows(timing.calendarId())) {
                    grid.add(timing);
                }
            });
        }
    }

}
