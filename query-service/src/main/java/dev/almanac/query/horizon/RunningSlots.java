package dev.almanac.query.horizon;

import java.util.List;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * A day's slot summary as running totals over its slots: count, seconds and each type's count up
 * to each slot. A window adds a run of slots that fall in one bucket with one subtraction per
 * total instead of one addition per slot; with a hundred rule types and calendars, per-slot
 * additions over a year were millions per read.
 */
public final class RunningSlots {

    static final RunningSlots EMPTY = new RunningSlots(SlotSummary.EMPTY);

    private final List<String> types;
    private final int[] counts = new int[UtcSlots.PER_DAY + 1];
    private final long[] seconds = new long[UtcSlots.PER_DAY + 1];
    private final int[][] typeCounts;

    RunningSlots(SlotSummary summary) {
        this.types = summary.types();
        this.typeCounts = new int[types.size()][UtcSlots.PER_DAY + 1];
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            counts[slot + 1] = counts[slot] + summary.count(slot);
            seconds[slot + 1] = seconds[slot] + summary.seconds(slot);
            for (int type = 0; type < typeCounts.length; type++) {
                typeCounts[type][slot + 1] = typeCounts[type][slot] + summary.typeCount(type, slot);
            }
        }
    }

    public boolean isEmpty() {
        return counts[UtcSlots.PER_DAY] == 0;
    }

    /** The types, in the order {@link #typeCount} numbers them. */
    public List<String> types() {
        return types;
    }

    /** Entries starting in the slots {@code [fromSlot, toSlot)}. */
    public int count(int fromSlot, int toSlot) {
        return counts[toSlot] - counts[fromSlot];
    }

    public long seconds(int fromSlot, int toSlot) {
        return seconds[toSlot] - seconds[fromSlot];
    }

    public int typeCount(int type, int fromSlot, int toSlot) {
        return typeCounts[type][toSlot] - typeCounts[type][fromSlot];
    }
}
