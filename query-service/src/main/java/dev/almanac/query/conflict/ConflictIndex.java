package dev.almanac.query.conflict;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Which {@link ConflictDay} buckets of one scope hold conflicts, and how many in each status: a
 * list reads this first and then exactly the buckets that fill the page, in order.
 */
public record ConflictIndex(String scope, SortedMap<String, Counts> buckets) {

    public ConflictIndex {
        buckets = Collections.unmodifiableSortedMap(new TreeMap<>(buckets));
    }

    public static ConflictIndex empty(String scope) {
        return new ConflictIndex(scope, new TreeMap<>());
    }

    /** The index with the bucket's counts as {@code day} now holds them; a bucket without conflicts is left out. */
    public ConflictIndex with(ConflictDay day) {
        TreeMap<String, Counts> updated = new TreeMap<>(buckets);
        Counts counts = new Counts(day.count(ConflictStatus.ACTIVE), day.count(ConflictStatus.CLEARED));
        if (counts.total() == 0) {
            updated.remove(day.bucket());
        } else {
            updated.put(day.bucket(), counts);
        }
        return new ConflictIndex(scope, updated);
    }

    /** Conflicts in one bucket, by status. */
    public record Counts(int active, int cleared) {

        public int total() {
            return active + cleared;
        }

        public int of(@Nullable ConflictStatus status) {
            if (status == null) {
                return total();
            }
            return status == ConflictStatus.ACTIVE ? active : cleared;
        }
    }
}
