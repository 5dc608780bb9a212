package dev.almanac.query.window;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final List<LocalDate> days;
    private final Map<LocalDate, int[]> bucketsByDay = new HashMap<>();

    private SlotPlan(List<LocalDate> days) {
        this.days = days;
    }

    static SlotPlan of(BucketGrid grid) {
        WindowSpec window = grid.window();
        SlotPlan plan = new SlotPlan(UtcSlots.daysOverlapping(window.from(), window.till()));
        // Slots come in order, so the bucket holding each one is found by walking forward, not by a search per slot.
        int bucket = grid.bucketOf(UtcSlots.startOf(plan.days.get(0)));
        for (LocalDate day : plan.days) {
            int[] buckets = new int[UtcSlots.PER_DAY];
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                Instant start = UtcSlots.slotStart(day, slot);
                Instant end = start.plus(UtcSlots.SLOT);
                while (bucket + 1 < grid.buckets() && !grid.bucketStart(bucket + 1).isAfter(start)) {
                    bucket++;
                }
                if (!end.isAfter(window.from()) || !start.isBefore(window.till())) {
                    buckets[slot] = OUTSIDE;
                } else if (start.isBefore(window.from()) || end.isAfter(window.till())) {
                    buckets[slot] = SPLIT;
                } else {
                    // Whole in its bucket unless the next bucket starts inside the slot.
                    boolean whole = bucket >= 0 && (bucket + 1 == grid.buckets() || !grid.bucketStart(bucket + 1).isBefore(end));
                    buckets[slot] = whole ? bucket : SPLIT;
                }
            }
            plan.bucketsByDay.put(day, buckets);
        }
        return plan;
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
        int[] buckets = bucketsByDay.get(day);
        return buckets == null ? NOWHERE : buckets;
    }

    /** Every slot index that is split on some day of the window. */
    Set<Integer> splitSlots() {
        Set<Integer> split = new TreeSet<>();
        for (int[] buckets : bucketsByDay.values()) {
            for (int slot = 0; slot < buckets.length; slot++) {
                if (buckets[slot] == SPLIT) {
                    split.add(slot);
                }
            }
        }
        return split;
    }
}
