package dev.almanac.query.window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.almanac.query.entry.EntryTiming;

/**
 * Counts entries into the local periods of a window. An entry counts once, in the period that
 * contains its start, and only if {@code from <= start < till}; entries that end later or started
 * earlier are not spread over other periods. Not thread-safe: feed it from one stream.
 */
public final class BucketGrid {

    private final WindowSpec window;
    private final Instant[] starts;
    private final long[] counts;
    private final long[] seconds;
    private final List<Map<String, Long>> queues;
    private final List<Map<String, Long>> types;

    private BucketGrid(WindowSpec window, List<Instant> starts) {
        this.window = window;
        this.starts = starts.toArray(Instant[]::new);
        this.counts = new long[starts.size()];
        this.seconds = new long[starts.size()];
        this.queues = new ArrayList<>(starts.size());
        this.types = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            queues.add(new TreeMap<>());
            types.add(new TreeMap<>());
        }
    }

    /** An empty grid with one bucket per local period that overlaps the window. */
    public static BucketGrid over(WindowSpec window) {
        return new BucketGrid(window, LocalPeriods.starts(window.from(), window.till(), window.timezone(), window.granularity()));
    }

    /** Counts {@code entry} if it starts inside the window; returns whether it did. */
    public boolean add(EntryTiming entry) {
        if (!window.contains(entry.start())) {
            return false;
        }
        int bucket = bucketOf(entry.start());
        counts[bucket]++;
        seconds[bucket] += entry.duration().toSeconds();
        queues.get(bucket).merge(entry.calendarId(), 1L, Long::sum);
        types.get(bucket).merge(entry.type(), 1L, Long::sum);
        return true;
    }

    public ScheduleWindow toScheduleWindow() {
        long peakCount = Arrays.stream(counts).max().orElse(0);
        long total = Arrays.stream(counts).sum();
        List<TimeBucket> buckets = new ArrayList<>(starts.length);
        Instant peak = null;
        for (int i = 0; i < starts.length; i++) {
            if (peak == null && peakCount > 0 && counts[i] == peakCount) {
                peak = starts[i];
            }
            buckets.add(new TimeBucket(starts[i], starts[i].atZone(window.timezone()).toOffsetDateTime(), counts[i],
                    new TreeMap<>(queues.get(i)),
                    peakCount == 0 ? 0.0 : (double) counts[i] / peakCount,
                    new TreeMap<>(types.get(i)),
                    seconds[i]));
        }
        return new ScheduleWindow(window, buckets, new WindowSummary(total, peak, peakCount, averagePerLocalDay(total)));
    }

    /** The index of the last bucket that starts at or before {@code instant}. */
    private int bucketOf(Instant instant) {
        int found = Arrays.binarySearch(starts, instant);
        return found >= 0 ? found : -found - 2;
    }

    private double averagePerLocalDay(long total) {
        int days = LocalPeriods.starts(window.from(), window.till(), window.timezone(), Granularity.DAY).size();
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP).doubleValue();
    }
}
