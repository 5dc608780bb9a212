package dev.almanac.benchmarks.load;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that read month windows of the loaded calendars while the commands change them: each asks again as soon as
 * it has its answer (a closed loop), as a browser revalidates, with gzip and the tag of its own last answer for that
 * window. So the windows are measured under the writes they show, not on a quiet stack.
 */
final class WindowReaders {

    private static final Executor AFTER_A_FAILURE = CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);

    private final Commands commands;
    private final List<String> calendars;
    private final Instant from;
    private final int readers;
    private final AtomicInteger reading = new AtomicInteger();
    private volatile boolean running;

    WindowReaders(Commands commands, List<String> calendars, Instant from, int readers) {
        this.commands = commands;
        this.calendars = List.copyOf(calendars);
        this.from = from;
        this.readers = readers;
    }

    void start(LoadBenchmark.Recorder recorder) {
        running = true;
        for (int i = 0; i < readers; i++) {
            reading.incrementAndGet();
            readNext(recorder, new HashMap<>());
        }
    }

    /** Stops asking, and waits up to 30 s for the answers still on their way. */
    void stop() {
        running = false;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (reading.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** One client's next read; {@code tags} are its own, by calendar, as a browser's cache is. */
    private void readNext(LoadBenchmark.Recorder recorder, Map<String, String> tags) {
        if (!running) {
            reading.decrementAndGet();
            return;
        }
        String calendar = calendars.get(ThreadLocalRandom.current().nextInt(calendars.size()));
        long asked = System.nanoTime();
        commands.readWindow(calendar, from, tags.get(calendar)).whenComplete((read, failure) -> {
            if (failure != null || read == null || (read.status() != 200 && read.status() != 304)) {
                recorder.windowFailures.incrementAndGet();
                // A failing stack is not asked again at once, as a browser would not: no spin, no recursion.
                CompletableFuture.runAsync(() -> readNext(recorder, tags), AFTER_A_FAILURE);
                return;
            }
            recorder.windows.add(System.nanoTime() - asked);
            if (read.status() == 304) {
                recorder.windowsNotModified.incrementAndGet();
            } else if (read.tag() != null) {
                tags.put(calendar, read.tag());
            }
            readNext(recorder, tags);
        });
    }
}
