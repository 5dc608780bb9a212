package dev.almanac.query.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.almanac.events.TimeRange;

/**
 * When a calendar is full: the instants at which at least {@code capacity} entries run at once,
 * as sorted, disjoint, non-touching half-open intervals. Entries are half-open too, so one that
 * ends when another starts does not overlap it, and an entry without length occupies nothing.
 */
public final class Occupancy {

    private Occupancy() {
    }

    /** The parts of {@code within} where at least {@code capacity} of {@code entries} overlap; all of it when capacity is below 1. */
    public static List<TimeRange> atCapacity(Collection<TimeRange> entries, int capacity, TimeRange within) {
        if (capacity < 1) {
            return List.of(within);
        }
        return capacity == 1 ? union(entries, within) : sweep(entries, capacity, within);
    }

    /** Where at least {@code capacity} (1 or more) entries overlap, by a sweep over every start and end. */
    static List<TimeRange> sweep(Collection<TimeRange> entries, int capacity, TimeRange within) {
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (TimeRange entry : entries) {
            Instant start = entry.start().isBefore(within.start()) ? within.start() : entry.start();
            Instant end = entry.end().isAfter(within.end()) ? within.end() : entry.end();
            if (start.isBefore(end)) {
                changes.merge(start, 1, Integer::sum);
                changes.merge(end, -1, Integer::sum);
            }
        }
        List<TimeRange> full = new ArrayList<>();
        int running = 0;
        Instant openedAt = null;
        for (Map.Entry<Instant, Integer> change : changes.entrySet()) {
            running += change.getValue();
            if (running >= capacity && openedAt == null) {
                openedAt = change.getKey();
            } else if (running < capacity && openedAt != null) {
                full.add(new TimeRange(openedAt, change.getKey()));
                openedAt = null;
            }
        }
        return List.copyOf(full);
    }

    /**
     * Capacity 1, as a resource has: the union of the entries clipped to {@code within}, by sorting
     * and merging; intervals that touch are one. {@link #sweep} gives the same (OccupancyTest), at the
     * cost of a tree of every start and end.
     */
    private static List<TimeRange> union(Collection<TimeRange> entries, TimeRange within) {
        List<TimeRange> clipped = new ArrayList<>(entries.size());
        for (TimeRange entry : entries) {
            Instant start = entry.start().isBefore(within.start()) ? within.start() : entry.start();
            Instant end = entry.end().isAfter(within.end()) ? within.end() : entry.end();
            if (start.isBefore(end)) {
                clipped.add(new TimeRange(start, end));
            }
        }
        clipped.sort(Comparator.comparing(TimeRange::start));
        List<TimeRange> merged = new ArrayList<>();
        Instant openedAt = null;
        Instant openTill = null;
        for (TimeRange range : clipped) {
            if (openTill != null && !range.start().isAfter(openTill)) {
                if (range.end().isAfter(openTill)) {
                    openTill = range.end();
                }
                continue;
            }
            if (openTill != null) {
                merged.add(new TimeRange(openedAt, openTill));
            }
            openedAt = range.start();
            openTill = range.end();
        }
        if (openTill != null) {
            merged.add(new TimeRange(openedAt, openTill));
        }
        return List.copyOf(merged);
    }
}
