package dev.almanac.conflicts.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.almanac.events.TimeRange;

/**
 * Half-open intervals {@code [start, end)} in epoch milliseconds, kept as two primitive arrays, and
 * where they pile up. Counting where entries overlap needs neither their ids nor their titles, so a
 * sweep over these finds the few stretches where a breach or a warning is possible before any entry
 * is built; {@link CapacityBreaches} then runs on the entries of those stretches alone.
 */
public final class Intervals {

    private long[] starts;
    private long[] ends;
    private int size;

    public Intervals() {
        this(16);
    }

    public Intervals(int capacity) {
        starts = new long[Math.max(1, capacity)];
        ends = new long[Math.max(1, capacity)];
    }

    public void add(long start, long end) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    public void add(TimeRange range) {
        add(range.start().toEpochMilli(), range.end().toEpochMilli());
    }

    public int size() {
        return size;
    }

    /** From the earliest start to the latest end; there must be an interval. */
    public TimeRange span() {
        if (size == 0) {
            throw new IllegalStateException("no intervals, so no span");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int index = 0; index < size; index++) {
            first = Math.min(first, starts[index]);
            last = Math.max(last, ends[index]);
        }
        return new TimeRange(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
    }

    /**
     * The maximal stretches in which at least {@code threshold} intervals overlap, in order. An interval
     * that ends where another starts has left before the other arrives, as in {@link CapacityBreaches}, and
     * two stretches never touch: between them lies an instant where fewer overlap.
     */
    public List<TimeRange> stretchesOfAtLeast(int threshold) {
        List<TimeRange> found = new ArrayList<>();
        if (threshold < 1 || size < threshold) {
            return found;
        }
        long[] sortedStarts = Arrays.copyOf(starts, size);
        long[] sortedEnds = Arrays.copyOf(ends, size);
        Arrays.sort(sortedStarts);
        Arrays.sort(sortedEnds);
        int count = 0;
        long stretchStart = 0;
        int nextStart = 0;
        int nextEnd = 0;
        // Every interval ends after it starts, so while starts remain some interval is still open and ends remain too.
        while (nextEnd < size) {
            long at = nextStart < size ? Math.min(sortedStarts[nextStart], sortedEnds[nextEnd]) : sortedEnds[nextEnd];
            int before = count;
            // At one instant every end is taken before any start: intervals that only touch do not overlap.
            while (nextEnd < size && sortedEnds[nextEnd] == at) {
                nextEnd++;
                count--;
            }
            while (nextStart < size && sortedStarts[nextStart] == at) {
                nextStart++;
                count++;
            }
            if (before < threshold && count >= threshold) {
                stretchStart = at;
            } else if (before >= threshold && count < threshold) {
                found.add(new TimeRange(Instant.ofEpochMilli(stretchStart), Instant.ofEpochMilli(at)));
            }
        }
        return found;
    }

    /** The most intervals that overlap at any instant. */
    public int maxConcurrency() {
        long[] sortedStarts = Arrays.copyOf(starts, size);
        long[] sortedEnds = Arrays.copyOf(ends, size);
        Arrays.sort(sortedStarts);
        Arrays.sort(sortedEnds);
        int count = 0;
        int most = 0;
        int nextEnd = 0;
        for (int nextStart = 0; nextStart < size; nextStart++) {
            while (sortedEnds[nextEnd] <= sortedStarts[nextStart]) {
                nextEnd++;
                count--;
            }
            count++;
            most = Math.max(most, count);
        }
        return most;
    }
}
