package dev.almanac.query.occurrence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * The rule occurrences that start on one UTC day, of every calendar, as running totals over the
 * day's 15-minute slots: the count and seconds of all of them, and the count of each calendar and of
 * each type, up to each slot. A window adds a run of slots that falls in one bucket with one
 * subtraction per total, however many slots the run holds.
 *
 * <p>The totals are laid out slot by slot ({@code [slot × columns + column]}), so that the
 * calendars' or the types' totals at one slot lie side by side: a window reads two rows of each
 * per run of slots, not one scattered array per calendar. With a hundred calendars and types over
 * a year that layout was the difference between a few hundred kilobytes read in order and a cache
 * miss per calendar, day and run.
 *
 * <p>A day changes by the summaries of the rules that changed ({@link #plus}): a rule change costs
 * the days kept times that rule's own summaries, not a count of every rule again.
 */
public final class OccurrenceDay {

    static final OccurrenceDay EMPTY = new OccurrenceDay(new String[0], new String[0], new int[UtcSlots.PER_DAY + 1],
            new long[UtcSlots.PER_DAY + 1], new int[0], new int[0]);

    private static final int ROWS = UtcSlots.PER_DAY + 1;

    private final String[] calendars;
    private final String[] types;
    private final int[] counts;
    private final long[] seconds;
    private final int[] calendarCounts;
    private final int[] typeCounts;

    private OccurrenceDay(String[] calendars, String[] types, int[] counts, long[] seconds, int[] calendarCounts, int[] typeCounts) {
        this.calendars = calendars;
        this.types = types;
        this.counts = counts;
        this.seconds = seconds;
        this.calendarCounts = calendarCounts;
        this.typeCounts = typeCounts;
    }

    /**
     * The day of these rules' occurrences, each with a summary of its own that day (of its calendar, the
     * entry's key). {@code shared} gives back an equal array already held, so that days with the same
     * calendars and types share one, and a window maps their names once.
     */
    static OccurrenceDay of(List<Map.Entry<String, SlotSummary>> summaries, UnaryOperator<String[]> shared) {
        Sums sums = new Sums();
        summaries.forEach(summary -> sums.add(summary.getKey(), summary.getValue(), 1));
        return sums.day(shared);
    }

    /**
     * This day with {@code removed} taken away and {@code added} added, each a rule's summary of its calendar: what the
     * day counts once the rules that changed count as they now do.
     */
    OccurrenceDay plus(List<Map.Entry<String, SlotSummary>> removed, List<Map.Entry<String, SlotSummary>> added,
                       UnaryOperator<String[]> shared) {
        if (removed.isEmpty() && added.isEmpty()) {
            return this;
        }
        Sums sums = new Sums();
        sums.addDay(this);
        removed.forEach(summary -> sums.add(summary.getKey(), summary.getValue(), -1));
        added.forEach(summary -> sums.add(summary.getKey(), summary.getValue(), 1));
        return sums.day(shared);
    }

    /** How many running totals this day holds, to bound the days kept. */
    long cells() {
        return (long) calendarCounts.length + typeCounts.length + counts.length + 2L * seconds.length;
    }

    public boolean isEmpty() {
        return counts[UtcSlots.PER_DAY] == 0;
    }

    /**
     * The calendars with occurrences that day, in the order {@link #calendarCount} numbers them.
     * Days with the same calendars return the same array: a caller may map them once, by identity.
     * Not to be written to.
     */
    public String[] calendars() {
        return calendars;
    }

    /** The types of that day's occurrences, in the order {@link #typeCount} numbers them; shared as {@link #calendars()} is. */
    public String[] types() {
        return types;
    }

    /** Occurrences starting in the slots {@code [fromSlot, toSlot)}. */
    public int count(int fromSlot, int toSlot) {
        return counts[toSlot] - counts[fromSlot];
    }

    /** Their summed length in seconds. */
    public long seconds(int fromSlot, int toSlot) {
        return seconds[toSlot] - seconds[fromSlot];
    }

    /** Occurrences of the calendar numbered {@code calendar} in {@link #calendars()} starting in the slots {@code [fromSlot, toSlot)}. */
    public int calendarCount(int calendar, int fromSlot, int toSlot) {
        return calendarCounts[toSlot * calendars.length + calendar] - calendarCounts[fromSlot * calendars.length + calendar];
    }

    /** Occurrences of the type numbered {@code type} in {@link #types()} starting in the slots {@code [fromSlot, toSlot)}. */
    public int typeCount(int type, int fromSlot, int toSlot) {
        return typeCounts[toSlot * types.length + type] - typeCounts[fromSlot * types.length + type];
    }

    /** Each slot's own counts, per calendar and type, while a day is being summed. */
    private static final class Sums {

        private final int[] counts = new int[UtcSlots.PER_DAY];
        private final long[] seconds = new long[UtcSlots.PER_DAY];
        private final Map<String, int[]> byCalendar = new LinkedHashMap<>();
        private final Map<String, int[]> byType = new TreeMap<>();

        void add(String calendarId, SlotSummary summary, int sign) {
            if (summary.isEmpty()) {
                return;
            }
            int[] calendar = byCalendar.computeIfAbsent(calendarId, any -> new int[UtcSlots.PER_DAY]);
            List<String> summaryTypes = summary.types();
            int[][] typeSlots = new int[summaryTypes.size()][];
            for (int type = 0; type < typeSlots.length; type++) {
                typeSlots[type] = byType.computeIfAbsent(summaryTypes.get(type), any -> new int[UtcSlots.PER_DAY]);
            }
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                int count = summary.count(slot);
                if (count == 0) {
                    continue;
                }
                counts[slot] += sign * count;
                seconds[slot] += sign * summary.seconds(slot);
                calendar[slot] += sign * count;
                for (int type = 0; type < typeSlots.length; type++) {
                    typeSlots[type][slot] += sign * summary.typeCount(type, slot);
                }
            }
        }

        /** Every slot of {@code day}, from the differences of its running totals. */
        void addDay(OccurrenceDay day) {
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                counts[slot] += day.count(slot, slot + 1);
                seconds[slot] += day.seconds(slot, slot + 1);
            }
            for (int calendar = 0; calendar < day.calendars.length; calendar++) {
                int[] slots = byCalendar.computeIfAbsent(day.calendars[calendar], any -> new int[UtcSlots.PER_DAY]);
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    slots[slot] += day.calendarCount(calendar, slot, slot + 1);
                }
            }
            for (int type = 0; type < day.types.length; type++) {
                int[] slots = byType.computeIfAbsent(day.types[type], any -> new int[UtcSlots.PER_DAY]);
                for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                    slots[slot] += day.typeCount(type, slot, slot + 1);
                }
            }
        }

        OccurrenceDay day(UnaryOperator<String[]> shared) {
            byCalendar.values().removeIf(Sums::none);
            byType.values().removeIf(Sums::none);
            if (byCalendar.isEmpty()) {
                return EMPTY;
            }
            String[] calendars = shared.apply(byCalendar.keySet().toArray(String[]::new));
            String[] types = shared.apply(byType.keySet().toArray(String[]::new));
            int[] countTotals = new int[ROWS];
            long[] secondTotals = new long[ROWS];
            int[] calendarTotals = runningTotals(List.copyOf(byCalendar.values()));
            int[] typeTotals = runningTotals(List.copyOf(byType.values()));
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                countTotals[slot + 1] = countTotals[slot] + counts[slot];
                secondTotals[slot + 1] = secondTotals[slot] + seconds[slot];
            }
            return new OccurrenceDay(calendars, types, countTotals, secondTotals, calendarTotals, typeTotals);
        }

        private static boolean none(int[] slots) {
            for (int count : slots) {
                if (count != 0) {
                    return false;
                }
            }
            return true;
        }

        /** The columns' running totals, row by row: row {@code r} holds each column's sum of slots before {@code r}. */
        private static int[] runningTotals(List<int[]> columns) {
            int width = columns.size();
            int[] totals = new int[ROWS * width];
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                for (int column = 0; column < width; column++) {
                    totals[(slot + 1) * width + column] = totals[slot * width + column] + columns.get(column)[slot];
                }
            }
            return totals;
        }
    }
}
