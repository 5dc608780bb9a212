package dev.almanac.events.conflict;

/**
 * SCH-022's threshold, as every service reads it: a calendar warns when it holds 80 % of its
 * capacity or more at once, rounded up. A calendar of capacity 1 has no warning apart from its
 * breach, since 80 % of it is a lone entry ({@link ConflictType#CAPACITY_WARNING}).
 */
public final class CapacityWarnings {

    private CapacityWarnings() {
    }

    /** The smallest number of entries at once that warns on a calendar of this capacity; none (the largest int) for capacity 1. */
    public static int threshold(int capacity) {
        return capacity < 2 ? Integer.MAX_VALUE : (4 * capacity + 4) / 5;
    }
}
