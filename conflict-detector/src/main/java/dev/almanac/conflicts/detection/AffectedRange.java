package dev.almanac.conflicts.detection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import dev.almanac.events.TimeRange;

/**
 * How far a change on a calendar can reach. The caller fetches the entries that meet the
 * closed range {@code [start, end]}, touching ones included; among them the count of
 * overlapping entries is exact at every instant of the range and just before it. A breach
 * that crosses the range's edge may continue, through a chain of entries, beyond what was
 * fetched, so the caller widens the range with {@link #widen} and fetches again until the
 * range no longer grows. Then no breach meets either end from outside, and every breach that
 * overlaps the range lies inside it, complete.
 */
public final class AffectedRange {

    private static final Comparator<TimeRange> BY_START = Comparator.comparing(TimeRange::start);

    private AffectedRange() {
    }

    /**
     * One widening step: the range grown to cover every breach that meets it.
     *
     * @param breaches breaches among the entries that meet {@code [range.start, range.end]}
     */
    public static TimeRange widen(TimeRange range, Collection<Breach> breaches) {
        TimeRange widened = range;
        for (Breach breach : breaches) {
            if (meets(breach.window(), range)) {
                widened = widened.span(breach.window());
            }
        }
        return widened;
    }

    /** The breaches that overlap a settled range; these are the ones its detection got right. */
    public static List<Breach> within(TimeRange settled, Collection<Breach> breaches) {
        return breaches.stream().filter(breach -> breach.window().overlaps(settled)).toList();
    }

    /** A range widened until it stopped growing, and the breaches within it, which are then complete. */
    public record Settled(TimeRange range, List<Breach> breaches) {
    }

    /**
     * Widens {@code range} until the breaches that {@code breachesMeeting} finds for it all lie
     * within it. Each round fetches only what meets the current range, so the cost follows the
     * size of the overlap, not of the calendar.
     */
    public static Settled settle(TimeRange range, Function<TimeRange, List<Breach>> breachesMeeting) {
        TimeRange current = range;
        while (true) {
            List<Breach> breaches = breachesMeeting.apply(current);
            TimeRange widened = widen(current, breaches);
            if (widened.equals(current)) {
                return new Settled(current, within(current, breaches));
            }
            current = widened;
        }
    }

    /** Whether two ranges overlap or touch at an end: the closed intervals intersect. */
    public static boolean meets(TimeRange a, TimeRange b) {
        return !a.start().isAfter(b.end()) && !b.start().isAfter(a.end());
    }

    /** Whether {@code range} meets any of {@code ordered}, ranges ordered by start that do not overlap one another. */
    public static boolean meetsAny(TimeRange range, List<TimeRange> ordered) {
        int low = 0;
        int high = ordered.size();
        // The first range that ends at or after this one's start is the only one it can meet first.
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ordered.get(middle).end().isBefore(range.start())) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < ordered.size() && meets(range, ordered.get(low));
    }

    /** Merges ranges that overlap or touch, ordered by start. Every fact passes here with a handful of ranges: no stream. */
    public static List<TimeRange> coalesce(Collection<TimeRange> ranges) {
        List<TimeRange> sorted = new ArrayList<>(ranges);
        sorted.sort(BY_START);
        List<TimeRange> merged = new ArrayList<>(sorted.size());
        for (TimeRange range : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && meets(merged.get(last), range)) {
                merged.set(last, merged.get(last).span(range));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }
}
