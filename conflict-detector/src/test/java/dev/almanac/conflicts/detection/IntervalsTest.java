package dev.almanac.conflicts.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;

class IntervalsTest {

    @Test
    void stretchesAreWhereAtLeastTheThresholdOverlapAsCountedSegmentBySegment() {
        Random random = new Random(68);
        for (int round = 0; round < 2_000; round++) {
            int count = random.nextInt(12);
            long[][] intervals = new long[count][];
            Intervals under = new Intervals(1);
            for (int index = 0; index < count; index++) {
                long start = random.nextInt(40);
                long end = start + 1 + random.nextInt(10);
                intervals[index] = new long[] {start, end};
                under.add(start, end);
            }
            int threshold = 1 + random.nextInt(4);

            assertThat(under.stretchesOfAtLeast(threshold)).as("round %d, threshold %d", round, threshold)
                    .isEqualTo(bySegments(intervals, threshold));
            assertThat(under.maxConcurrency()).isEqualTo(mostBySegments(intervals));
        }
    }

    @Test
    void intervalsThatOnlyTouchNeverOverlapAndAStretchEndsWhereTheCountFalls() {
        Intervals touching = new Intervals();
        touching.add(0, 10);
        touching.add(10, 20);
        touching.add(5, 15);

        assertThat(touching.maxConcurrency()).isEqualTo(2);
        assertThat(touching.stretchesOfAtLeast(2)).containsExactly(range(5, 15));
        assertThat(touching.stretchesOfAtLeast(3)).isEmpty();
        assertThat(touching.span()).isEqualTo(range(0, 20));
    }

    /** The count on each elementary segment, merged where consecutive segments both reach the threshold. */
    private static List<TimeRange> bySegments(long[][] intervals, int threshold) {
        TreeSet<Long> bounds = new TreeSet<>();
        for (long[] interval : intervals) {
            bounds.add(interval[0]);
            bounds.add(interval[1]);
        }
        List<TimeRange> stretches = new ArrayList<>();
        Long from = null;
        Long previous = null;
        Long open = null;
        for (Long bound : bounds) {
            if (previous != null) {
                boolean hot = count(intervals, previous) >= threshold;
                if (hot && open == null) {
                    open = previous;
                } else if (!hot && open != null) {
                    stretches.add(range(open, previous));
                    open = null;
                }
            }
            previous = bound;
            from = bound;
        }
        if (open != null) {
            stretches.add(range(open, from));
        }
        return stretches;
    }

    private static int mostBySegments(long[][] intervals) {
        int most = 0;
        for (long[] interval : intervals) {
            most = Math.max(most, count(intervals, interval[0]));
        }
        return most;
    }

    /** How many of the half-open intervals hold the instant {@code at}. */
    private static int count(long[][] intervals, long at) {
        int count = 0;
        for (long[] interval : intervals) {
            if (interval[0] <= at && at < interval[1]) {
                count++;
            }
        }
        return count;
    }

    private static TimeRange range(long from, long to) {
        return new TimeRange(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }
}
