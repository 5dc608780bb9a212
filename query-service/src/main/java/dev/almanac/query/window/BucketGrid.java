package dev.almanac.query.window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.almanac.query.entry.EntryTiming;

/**
 * Counts entries into the local periods of a window. An entry counts once, in the period that
 * contains its start, and only if {@code from <= start < till}; entries that end later or started
 * earlier are not spread over other periods. Entries come one by one ({@link #add}) or already
 * counted per 15-minute slot ({@link #addCounts}, {@link #addSeconds}, {@link #addType}), which
 * the caller places in the bucket that contains the whole slot. Per-queue and per-type tallies are
 * arrays indexed by a small ordinal, so that rolling up a year of slots costs additions, not map
 * lookups. Not thread-safe: feed it from one stream.
 */
public final class BucketGrid {

    private final WindowSpec window;
    private final Instant[] starts;
    private final long[] counts;
    private final long[] seconds;
    private final Tallies queues;
    private final Tallies types;

    private BucketGrid(WindowSpec window, List<Instant> starts) {
        this.window = window;
        this.starts = starts.toArray(Instant[]::new);
        this.counts = new long[starts.size()];
        this.seconds = new long[starts.size()];
        this.queues = new Tallies(starts.size());
        this.types = new Tallies(starts.size());
    }

    private BucketGrid(BucketGrid grid) {
        this.window = grid.window;
        this.starts = grid.starts;
        this.counts = grid.counts.clone();
        this.seconds = grid.seconds.clone();
        this.queues = new Tallies(grid.queues);
        this.types = new Tallies(grid.types);
    }

    /** An empty grid with one bucket per local period that overlaps the window. */
    public static BucketGrid over(WindowSpec window) {
        return new BucketGrid(window, LocalPeriods.starts(window.from(), window.till(), window.timezone(), window.granularity()));
    }

    public WindowSpec window() {
        return window;
    }

    /**
     * A grid with the same counts that changes on its own: a kept window's grid is copied and the
     * copy brought up to date, while the kept one may still be read (ADR 0064).
     */
    public BucketGrid copy() {
        return new BucketGrid(this);
    }

    /** Counts {@code entry} if it starts inside the window; returns whether it did. */
    public boolean add(EntryTiming entry) {
        return add(entry, 1);
    }

    /** Counts {@code entry} ({@code sign} 1) or takes it away again (-1), if it starts inside the window; returns whether it did. */
    public boolean add(EntryTiming entry, int sign) {
        if (!window.contains(entry.start())) {
            return false;
        }
        int bucket = bucketOf(entry.start());
        addCounts(bucket, queue(entry.calendarId()), sign);
        addSeconds(bucket, sign * entry.duration().toSeconds());
        addType(bucket, type(entry.type()), sign);
        return true;
    }

    /** The ordinal of a queue (calendar id) for {@link #addCounts}. */
    public int queue(String calendarId) {
        return queues.ordinal(calendarId);
    }

    /** The ordinal of an entry type for {@link #addType}. */
    public int type(String type) {
        return types.ordinal(type);
    }

    /** Adds {@code count} entries of the queue with ordinal {@code queue} to the bucket; a negative count takes them away. */
    public void addCounts(int bucket, int queue, long count) {
        counts[bucket] += count;
        queues.add(queue, bucket, count);
    }

    public void addSeconds(int bucket, long length) {
        seconds[bucket] += length;
    }

    public void addType(int bucket, int type, long count) {
        types.add(type, bucket, count);
    }

    /** How many buckets the window has. */
    public int buckets() {
        return starts.length;
    }

    /** Where the bucket with this index starts. */
    public Instant bucketStart(int bucket) {
        return starts[bucket];
    }

    /** The index of the bucket that contains {@code instant}: the last one that starts at or before it. */
    public int bucketOf(Instant instant) {
        int found = Arrays.binarySearch(starts, instant);
        return found >= 0 ? found : -found - 2;
    }

    public ScheduleWindow toScheduleWindow() {
        long peakCount = Arrays.stream(counts).max().orElse(0);
        long total = Arrays.stream(counts).sum();
        List<TimeBucket> buckets = new ArrayList<>(starts.length);
        List<Map<String, Long>> queueTallies = queues.byBucket();
        List<Map<String, Long>> typeTallies = types.byBucket();
        Instant peak = null;
        for (int i = 0; i < starts.length; i++) {
            if (peak == null && peakCount > 0 && counts[i] == peakCount) {
                peak = starts[i];
            }
            buckets.add(new TimeBucket(starts[i], starts[i].atZone(window.timezone()).toOffsetDateTime(), counts[i],
                    queueTallies.get(i),
                    peakCount == 0 ? 0.0 : (double) counts[i] / peakCount,
                    typeTallies.get(i),
                    seconds[i]));
        }
        return new ScheduleWindow(window, buckets, new WindowSummary(total, peak, peakCount, averagePerLocalDay(total)));
    }

    private double averagePerLocalDay(long total) {
        int days = LocalPeriods.starts(window.from(), window.till(), window.timezone(), Granularity.DAY).size();
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Counts per name and bucket, with names numbered in the order they first appear. Each bucket
     * holds its counts side by side (grown as names appear), so that rolling up a day, which
     * touches one or two buckets, stays within a few cache lines.
     */
    private static final class Tallies {

        private static final long[] NONE = new long[0];

        private final Map<String, Integer> ordinals = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final long[][] byBucket;

        private Tallies(int buckets) {
            this.byBucket = new long[buckets][];
            Arrays.fill(byBucket, NONE);
        }

        private Tallies(Tallies tallies) {
            this.ordinals.putAll(tallies.ordinals);
            this.names.addAll(tallies.names);
            this.byBucket = new long[tallies.byBucket.length][];
            for (int bucket = 0; bucket < byBucket.length; bucket++) {
                long[] counts = tallies.byBucket[bucket];
                byBucket[bucket] = counts.length == 0 ? NONE : counts.clone();
            }
        }

        int ordinal(String name) {
            Integer ordinal = ordinals.get(name);
            if (ordinal == null) {
                ordinal = names.size();
                ordinals.put(name, ordinal);
                names.add(name);
            }
            return ordinal;
        }

        void add(int ordinal, int bucket, long count) {
            long[] counts = byBucket[bucket];
            if (ordinal >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(names.size(), ordinal + 1));
                byBucket[bucket] = counts;
            }
            counts[ordinal] += count;
        }

        /** Per bucket, the names with a count in it, in name order: views of one array of every bucket's counts in name order. */
        List<Map<String, Long>> byBucket() {
            int[] byName = IntStream.range(0, names.size()).boxed().sorted(Comparator.comparing(names::get)).mapToInt(Integer::intValue).toArray();
            String[] sorted = new String[byName.length];
            for (int i = 0; i < byName.length; i++) {
                sorted[i] = names.get(byName[i]);
            }
            Tally.Names quoted = new Tally.Names(sorted);
            long[] rows = new long[byBucket.length * byName.length];
            List<Map<String, Long>> tallies = new ArrayList<>(byBucket.length);
            for (int bucket = 0; bucket < byBucket.length; bucket++) {
                long[] counts = byBucket[bucket];
                int row = bucket * byName.length;
                for (int i = 0; i < byName.length; i++) {
                    rows[row + i] = byName[i] < counts.length ? counts[byName[i]] : 0;
                }
                tallies.add(new Tally(quoted, rows, row));
            }
            return tallies;
        }
    }
}
