package dev.almanac.query.window;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.almanac.query.entry.UtcSlots;

/**
 * How each 15-minute UTC slot of a window's days counts. A slot that lies wholly inside
 * {@code [from, till)} and inside one bucket counts from the pre-aggregated summaries, into that
 * bucket. A slot that {@code from} or {@code till} cuts, or that a bucket boundary cuts (an offset
 * that is not a multiple of 15 minutes, as before 1972 in some zones), is split: its entries are
 * counted one by one, so the window stays exact. Slots outside the window do not count.
 */
final class SlotPlan {

    static final int OUTSIDE = -1;
    static final int SPLIT = -2;

    private static final int[] NOWHERE = filled(OUTSIDE);
    private static final int[] ONE_RUN = filled(UtcSlots.PER_DAY);
    private static final long SLOT_SECONDS = UtcSlots.SLOT.toSeconds();

    private final List<LocalDate> days;
    private final long firstEpochDay;
    private final int[][] bucketsByDay;
    private final int[][] runEndsByDay;

    private SlotPlan(List<LocalDate> days) {
        this.days = days;
        this.firstEpochDay = days.get(0).toEpochDay();
        this.bucketsByDay = new int[days.size()][];
        this.runEndsByDay = new int[days.size()][];
    }

    /**
     * The plan of the grid's window. Slots and bucket starts are whole seconds (every period
     * starts at a local midnight or hour mark, or at an offset change, all whole seconds), so
     * they are compared as epoch seconds; {@code from} and {@code till} may hold a fraction, so
     * each comparison with them takes the second on the side that keeps it exact.
     */
    static SlotPlan of(BucketGrid grid) {
        WindowSpec window = grid.window();
        SlotPlan plan = new SlotPlan(UtcSlots.daysOverlapping(window.from(), window.till()));
        long[] bucketStarts = new long[grid.buckets()];
        for (int i = 0; i < bucketStarts.length; i++) {
            bucketStarts[i] = grid.bucketStart(i).getEpochSecond();
        }
        // A whole second s is before an instant t exactly when s < ceil(t), and after it when s > floor(t).
        long fromFloor = window.from().getEpochSecond();
        long fromCeiling = fromFloor + (window.from().getNano() == 0 ? 0 : 1);
        long tillFloor = window.till().getEpochSecond();
        long tillCeiling = tillFloor + (window.till().getNano() == 0 ? 0 : 1);
        // Slots come in order, so the bucket holding each one is found by walking forward, not by a search per slot.
        int bucket = grid.bucketOf(UtcSlots.startOf(plan.days.get(0)));
        for (int day = 0; day < plan.days.size(); day++) {
            int[] buckets = new int[UtcSlots.PER_DAY];
            long dayStart = plan.days.get(day).toEpochDay() * 86_400L;
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                long start = dayStart + slot * SLOT_SECONDS;
                long end = start + SLOT_SECONDS;
                while (bucket + 1 < bucketStarts.length && bucketStarts[bucket + 1] <= start) {
                    bucket++;
                }
                if (end <= fromFloor || start >= tillCeiling) {
                    buckets[slot] = OUTSIDE;
                } else if (start < fromCeiling || end > tillFloor) {
                    buckets[slot] = SPLIT;
                } else {
                    // Whole in its bucket unless the next bucket starts inside the slot.
                    boolean whole = bucket >= 0 && (bucket + 1 == bucketStarts.length || bucketStarts[bucket + 1] >= end);
                    buckets[slot] = whole ? bucket : SPLIT;
                }
            }
            plan.bucketsByDay[day] = buckets;
            plan.runEndsByDay[day] = runEnds(buckets);
        }
        return plan;
    }

    /** Per slot, the end of the run of slots from it that count into the same bucket (or are all split, or outside). */
    private static int[] runEnds(int[] buckets) {
        int[] ends = new int[buckets.length];
        int end = buckets.length;
        for (int slot = buckets.length - 1; slot >= 0; slot--) {
            if (slot + 1 < buckets.length && buckets[slot + 1] != buckets[slot]) {
                end = slot + 1;
            }
            ends[slot] = end;
        }
        return ends;
    }

    private static int[] filled(int value) {
        int[] slots = new int[UtcSlots.PER_DAY];
        Arrays.fill(slots, value);
        return slots;
    }

    /** The UTC days the window covers, in order. */
    List<LocalDate> days() {
        return days;
    }

    /** Per slot of {@code day}, the bucket it counts into, or {@link #OUTSIDE} or {@link #SPLIT}; look it up once per day. */
    int[] bucketsOf(LocalDate day) {
        int index = indexOf(day);
        return index < 0 ? NOWHERE : bucketsByDay[index];
    }

    /** Per slot of {@code day}, where the run of slots from it that {@link #bucketsOf} puts in one place ends. */
    int[] runEndsOf(LocalDate day) {
        int index = indexOf(day);
        return index < 0 ? ONE_RUN : runEndsByDay[index];
    }

    private int indexOf(LocalDate day) {
        long index = day.toEpochDay() - firstEpochDay;
        return index >= 0 && index < days.size() ? (int) index : -1;
    }

    /** Every slot index that is split on some day of the window. */
    Set<Integer> splitSlots() {
        Set<Integer> split = new TreeSet<>();
        for (int[] buckets : bucketsByDay) {
            for (int slot = 0; slot < buckets.length; slot++) {
                if (buckets[slot] == SPLIT) {
                    split.add(slot);
                }
            }
        }
        return split;
    }
}
