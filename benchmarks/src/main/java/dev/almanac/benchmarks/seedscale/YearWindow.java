package dev.almanac.benchmarks.seedscale;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The year window over every calendar, by day (F033-WINDOW at its F033-LIMIT-WINDOW of 365 days), from the day after
 * the run's start: what a heatmap of the whole schedule asks. Read as a browser reads it, gzip accepted, by a few
 * readers at once, each asking again as soon as it has its answer; its {@code total_jobs} tells whether a restarted
 * stack shows all it showed before.
 */
final class YearWindow {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Api api;
    private final String path;

    YearWindow(Api api, Instant runStart) {
        this.api = api;
        Instant from = runStart.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        this.path = "/schedules/window?from=" + from + "&till=" + from.plus(365, ChronoUnit.DAYS) + "&granularity=day";
    }

    String path() {
        return path;
    }

    /** The window's {@code total_jobs}, read now; empty when it did not answer 200 with one. */
    OptionalLong total() {
        Api.Answer answer = api.get(path);
        if (answer.status() != 200) {
            return OptionalLong.empty();
        }
        try {
            JsonNode total = JSON.readTree(answer.body()).findValue("total_jobs");
            return total == null ? OptionalLong.empty() : OptionalLong.of(total.asLong());
        } catch (JacksonException undecodable) {
            return OptionalLong.empty();
        }
    }

    /** What the readers saw: latencies of the 200s, and how many answers were anything else. */
    record Reading(Samples latencies, int failures, Duration took) {

        double perSecond() {
            return latencies.count() / (took.toNanos() / 1e9);
        }
    }

    /** {@code readers} clients reading the window one answer after another for {@code duration}. */
    Reading read(int readers, Duration duration) throws InterruptedException {
        Samples latencies = new Samples();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Thread reader = new Thread(() -> {
                while (System.nanoTime() - deadline < 0) {
                    long asked = System.nanoTime();
                    Api.Answer answer = api.get(path);
                    if (answer.status() == 200) {
                        latencies.add(Duration.ofNanos(System.nanoTime() - asked));
                    } else {
                        failures.incrementAndGet();
                        // A failing stack is not asked again at once, as a browser would not.
                        LockSupport.parkNanos(100_000_000L);
                    }
                }
            }, "seed-scale-window-" + r);
            reader.setDaemon(true);
            reader.start();
            threads.add(reader);
        }
        for (Thread reader : threads) {
            reader.join();
        }
        return new Reading(latencies, failures.get(), Duration.ofNanos(System.nanoTime() - started));
    }
}
