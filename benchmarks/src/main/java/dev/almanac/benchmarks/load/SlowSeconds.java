package dev.almanac.benchmarks.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Which seconds of a step the answers slower than a goal fell in, by the wall-clock second each
 * one started. A tail spread over most seconds is a queue that is always there; one bunched into a
 * few seconds is a stall, and its seconds can be matched with the JVMs' GC and safepoint logs.
 */
final class SlowSeconds {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int WORST_SHOWN = 3;

    private final long thresholdNanos;
    private final long originNanos;
    private final long originEpochMillis;
    private final Map<Long, Second> seconds = new ConcurrentHashMap<>();

    SlowSeconds(Duration threshold) {
        this(threshold, System.nanoTime(), System.currentTimeMillis());
    }

    SlowSeconds(Duration threshold, long originNanos, long originEpochMillis) {
        this.thresholdNanos = threshold.toNanos();
        this.originNanos = originNanos;
        this.originEpochMillis = originEpochMillis;
    }

    /**
     * @param startedNanos  when the request started, on {@link System#nanoTime()}'s clock
     * @param latencyNanos  {@code Long.MAX_VALUE} for an answer that never came
     */
    void add(long startedNanos, long latencyNanos) {
        long epochSecond = Math.floorDiv(originEpochMillis + Math.floorDiv(startedNanos - originNanos, 1_000_000L), 1000L);
        Second second = seconds.computeIfAbsent(epochSecond, key -> new Second());
        second.all.incrementAndGet();
        if (latencyNanos > thresholdNanos) {
            second.slow.incrementAndGet();
            second.slowest.accumulateAndGet(latencyNanos, Math::max);
        }
    }

    /**
     * For example {@code "over 50 ms: 312 of 30479 (1.02 %), in 9 of 61 s; the worst 04:21:13 140 of 507 (max 240 ms), …"}.
     */
    String describe() {
        long all = seconds.values().stream().mapToLong(second -> second.all.get()).sum();
        long slow = seconds.values().stream().mapToLong(second -> second.slow.get()).sum();
        String over = "over " + Duration.ofNanos(thresholdNanos).toMillis() + " ms: ";
        if (slow == 0) {
            return over + "none of " + all;
        }
        long slowSeconds = seconds.values().stream().filter(second -> second.slow.get() > 0).count();
        String worst = seconds.entrySet().stream()
                .filter(entry -> entry.getValue().slow.get() > 0)
                .sorted(Comparator.comparingInt((Map.Entry<Long, Second> entry) -> entry.getValue().slow.get()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(WORST_SHOWN)
                .map(entry -> String.format("%s %d of %d (max %s)", SECOND.format(Instant.ofEpochSecond(entry.getKey())),
                        entry.getValue().slow.get(), entry.getValue().all.get(), millis(entry.getValue().slowest.get())))
                .collect(Collectors.joining(", "));
        return String.format("%s%d of %d (%.2f %%), in %d of %d s; the worst %s", over, slow, all, 100.0 * slow / all,
                slowSeconds, seconds.size(), worst);
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? "never" : String.format("%.0f ms", nanos / 1e6);
    }

    private static final class Second {
        final AtomicInteger all = new AtomicInteger();
        final AtomicInteger slow = new AtomicInteger();
        final AtomicLong slowest = new AtomicLong();
    }
}
