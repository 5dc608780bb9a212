package dev.almanac.query.conflict;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.conflict.ConflictStatus;

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
        Counts counts = Counts.of(day);
        if (counts.total() == 0) {
            updated.remove(day.bucket());
        } else {
            updated.put(day.bucket(), counts);
        }
        return new ConflictIndex(scope, updated);
    }

    /** Conflicts in one bucket, by status. */
    public record Counts(Map<ConflictStatus, Integer> byStatus) {

        public Counts {
            EnumMap<ConflictStatus, Integer> nonZero = new EnumMap<>(ConflictStatus.class);
            byStatus.forEach((status, count) -> {
                if (count > 0) {
                    nonZero.put(status, count);
                }
            });
            byStatus = Collections.unmodifiableMap(nonZero);
        }

        static Counts of(ConflictDay day) {
            EnumMap<ConflictStatus, Integer> counts = new EnumMap<>(ConflictStatus.class);
            for (ConflictStatus status : ConflictStatus.values()) {
                counts.put(status, day.count(status));
            }
            return new Counts(counts);
        }

        public int total() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int of(@Nullable ConflictStatus status) {
            return status == null ? total() : byStatus.getOrDefault(status, 0);
        }
    }
}
