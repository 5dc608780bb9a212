package dev.almanac.query.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
}
