package dev.almanac.benchmarks.load;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latencies in nanoseconds, kept whole so that percentiles are exact; {@code Long.MAX_VALUE} marks one that never came. */
final class Latencies {

    private final ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();

    void add(long nanos) {
        values.add(nanos);
    }

    int count() {
        return values.size();
    }

    long[] sorted() {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** {@code p50/p99} in milliseconds, with the maximum when asked; "never" where a value never came. */
    String summary(boolean withMax) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return "n/a";
        }
        String text = millis(percentile(sorted, 50)) + "/" + millis(percentile(sorted, 99));
        return withMax ? text + "/" + millis(sorted[sorted.length - 1]) : text;
    }

    static long percentile(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? "never" : String.format("%.1f", nanos / 1e6);
    }
}
