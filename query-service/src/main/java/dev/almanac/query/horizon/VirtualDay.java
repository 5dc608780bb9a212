package dev.almanac.query.horizon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * The occurrences beyond the horizon that start on one UTC day, of every calendar, as running
 * totals over the day's 15-minute slots: the count and seconds of all of them, and the count of
 * each calendar and of each type, up to each slot. A window adds a run of slots that falls in one
 * bucket with one subtraction per total, however many slots the run holds.
 *
 * <p>The totals are laid out slot by slot ({@code [slot × columns + column]}), so that the
 * calendars' or the types' totals at one slot lie side by side: a window reads two rows of each
 * per run of slots, not one scattered array per calendar. With a hundred calendars and types over
 * a year that layout was the difference between a few hundred kilobytes read in order and a cache
 * miss per calendar, day and run.
 */
public final class VirtualDay {

    static final VirtualDay EMPTY = new VirtualDay(new String[0], new String[0], new int[UtcSlots.PER_DAY + 1],
            new long[UtcSlots.PER_DAY + 1], new int[0], new int[0]);

    private static final int ROWS = UtcSlots.PER_DAY + 1;

    private final String[] calendars;
    private final String[] types;
    private final int[] counts;
    private final long[] seconds;
    private final int[] calendarCounts;
    private final int[] typeCounts;

    private VirtualDay(String[] calendars, String[] types, int[] counts, long[] seconds, int[] calendarCounts, int[] typeCounts) {
        this.calendars = calendars;
        this.types = types;
        this.counts = counts;
        this.seconds = seconds;
        this.calendarCounts = calendarCounts;
        this.typeCounts = typeCounts;
    }

    /**
     * The day of these rules' occurrences, each with the summary of its own that day (of its
     * calendar, the map's key). {@code shared} gives back an equal array already held, so that days
     * with the same calendars and types share one, and a window maps their names once.
     */
    static VirtualDay of(List<Map.Entry<String, SlotSummary>> rules, UnaryOperator<String[]> shared) {
        Map<String, Integer> calendarColumns = new LinkedHashMap<>();
        Map<String, Integer> typeColumns = new TreeMap<>();
        for (Map.Entry<String, SlotSummary> rule : rules) {
            if (!rule.getValue().isEmpty()) {
                calendarColumns.putIfAbsent(rule.getKey(), 0);
                rule.getValue().types().forEach(type -> typeColumns.putIfAbsent(type, 0));
            }
        }
        if (calendarColumns.isEmpty()) {
            return EMPTY;
        }
        String[] calendars = shared.apply(numbered(calendarColumns));
        String[] types = shared.apply(numbered(typeColumns));
        int[] counts = new int[ROWS];
        long[] seconds = new long[ROWS];
        int[] calendarCounts = new int[ROWS * calendars.length];
        int[] typeCounts = new int[ROWS * types.length];
        // First each slot's own counts, in the row after it; then each row adds the one before.
        for (Map.Entry<String, SlotSummary> rule : rules) {
            SlotSummary summary = rule.getValue();
            if (summary.isEmpty()) {
                continue;
            }
            int calendar = calendarColumns.get(rule.getKey());
            int[] typeIndex = summary.types().stream().mapToInt(typeColumns::get).toArray();
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                int count = summary.count(slot);
                if (count == 0) {
                    continue;
                }
                counts[slot + 1] += count;
                seconds[slot + 1] += summary.seconds(slot);
                calendarCounts[(slot + 1) * calendars.length + calendar] += count;
                for (int type = 0; type < typeIndex.length; type++) {
                    typeCounts[(slot + 1) * types.length + typeIndex[type]] += summary.typeCount(type, slot);
                }
            }
        }
        for (int row = 1; row < ROWS; row++) {
            counts[row] += counts[row - 1];
            seconds[row] += seconds[row - 1];
            addRow(calendarCounts, calendars.length, row);
            addRow(typeCounts, types.length, row);
        }
        return new VirtualDay(calendars, types, counts, seconds, calendarCounts, typeCounts);
    }

    /** The names in the order of the map, each numbered by its place in it. */
    private static String[] numbered(Map<String, Integer> columns) {
        String[] names = columns.keySet().toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        return names;
    }

    private static void addRow(int[] totals, int columns, int row) {
        for (int column = 0; column < columns; column++) {
            totals[row * columns + column] += totals[(row - 1) * columns + column];
        }
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
}
