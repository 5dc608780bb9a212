package dev.almanac.benchmarks.seedscale;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies kept whole, so percentiles are exact (nearest rank), and the probes that never saw what they waited for:
 * those count as slower than any, so a p99 over a run where one in fifty never came says so.
 */
final class Samples {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    private final AtomicInteger never = new AtomicInteger();

    void add(Duration latency) {
        nanos.add(latency.toNanos());
    }

    void never() {
        never.incrementAndGet();
    }

    int count() {
        return nanos.size() + never.get();
    }

    /** The nearest-rank percentile in milliseconds; -1 when the value is one that never came, or when there is none. */
    double percentile(double percent) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
        return value == Long.MAX_VALUE ? -1 : value / 1e6;
    }

    /** {@code p50/p99/max ms (n N, never M)}, "never" for a percentile among the missing, "n/a" without samples. */
    String summary() {
        if (count() == 0) {
            return "n/a (none)";
        }
        return "%s/%s/%s ms (n %d, never %d)".formatted(millis(percentile(50)), millis(percentile(99)), millis(percentile(100)),
                count(), never.get());
    }

    /** The same figures for the JSON: milliseconds, null where never. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", count());
        json.put("never", never.get());
        json.put("p50_ms", count() == 0 || percentile(50) < 0 ? null : percentile(50));
        json.put("p99_ms", count() == 0 || percentile(99) < 0 ? null : percentile(99));
        json.put("max_ms", count() == 0 || percentile(100) < 0 ? null : percentile(100));
        return json;
    }

    private long[] sorted() {
        long[] values = new long[count()];
        int i = 0;
        for (Long value : nanos) {
            if (i < values.length) {
                values[i++] = value;
            }
        }
        Arrays.fill(values, i, values.length, Long.MAX_VALUE);
        Arrays.sort(values);
        return values;
    }

    private static String millis(double millis) {
        return millis < 0 ? "never" : millis >= 100 ? "%.0f".formatted(millis) : "%.1f".formatted(millis);
    }
}
