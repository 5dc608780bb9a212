package dev.almanac.benchmarks.seedscale;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a person sees of their own changes while the rules load and after: at a fixed period, an item on a random open
 * calendar, polled until its entry reads back and, separately, until its calendar's day view lists it, with when its
 * event was readable on {@code almanac.schedule.v1} between the two sides; and a pair of
 * overlapping items on a capacity-1 calendar of their own, timed from the second one's 201 to the
 * {@code ConflictDetected} naming it on the topic. Each is counted in the phase it was created in. Optionally, one-off
 * items at a steady rate, as the 100,000-jobs-a-day variant has them.
 */
final class Probes implements AutoCloseable {

    /** A poll pauses an eighth of what it has waited so far, between these: it sees a change at most an eighth late. */
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);
    private static final Duration ITEM_LENGTH = Duration.ofMinutes(5);
    private static final Duration PAIR_LENGTH = Duration.ofMinutes(30);

    /** When a probe was created. */
    enum Phase { DURING_LOAD, AFTER_LOAD }

    /** A measure of each phase. */
    record Phased(Samples duringLoad, Samples afterLoad) {

        Phased() {
            this(new Samples(), new Samples());
        }

        Samples of(Phase phase) {
            return phase == Phase.DURING_LOAD ? duringLoad : afterLoad;
        }
    }

    final Phased entryVisible = new Phased();
    final Phased onScheduleTopic = new Phased();
    final Phased dayViewVisible = new Phased();
    final Phased itemConflict = new Phased();
    final AtomicInteger probeFailures = new AtomicInteger();
    final AtomicInteger itemsCreated = new AtomicInteger();
    final AtomicInteger itemsFailed = new AtomicInteger();

    private final Api api;
    private final ConflictTopic conflicts;
    private final ScheduleTopic schedule;
    private final String run;
    private final List<String> calendars;
    private final String pairCalendar;
    private final Duration patience;
    private final Random random;
    private final Instant pairsFrom;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(1, daemon("seed-scale-probe-clock"));
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("seed-scale-probe"));
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Phase phase = Phase.DURING_LOAD;

    /**
     * @param calendars    the open calendars, where visibility probes and one-off items go
     * @param pairCalendar a capacity-1 calendar that takes only the conflict pairs, an hour apart each
     */
    Probes(Api api, ConflictTopic conflicts, ScheduleTopic schedule, String run, List<String> calendars, String pairCalendar,
           Duration patience, long seed) {
        this.api = api;
        this.conflicts = conflicts;
        this.schedule = schedule;
        this.run = run;
        this.calendars = List.copyOf(calendars);
        this.pairCalendar = pairCalendar;
        this.patience = patience;
        this.random = new Random(seed);
        this.pairsFrom = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }

    /** The prefix of every probe item's id, by which the conflicts topic's reader picks them out. */
    static String prefix(String run) {
        return run + "-i";
    }

    /** Starts a visibility probe and a conflict pair every {@code every}, and {@code itemsPerDay} one-off items a day. */
    void start(Duration every, int itemsPerDay) {
        clock.scheduleAtFixedRate(() -> probes.submit(this::visibility), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(() -> probes.submit(this::conflictPair), every.toMillis() / 2, every.toMillis(), TimeUnit.MILLISECONDS);
        if (itemsPerDay > 0) {
            long period = TimeUnit.DAYS.toNanos(1) / itemsPerDay;
            clock.scheduleAtFixedRate(() -> probes.submit(this::oneOffItem), period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** From now on, probes count as after the load. */
    void loadEnded() {
        phase = Phase.AFTER_LOAD;
    }

    private void visibility() {
        Phase created = phase;
        String id = prefix(run) + "v" + sequence.incrementAndGet();
        String calendar = calendars.get(random.nextInt(calendars.size()));
        Instant start = Instant.now().plus(1 + random.nextInt(6), ChronoUnit.DAYS).plus(random.nextInt(1440), ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.MINUTES);
        Api.Answer answer = api.createItem(id, calendar, start, ITEM_LENGTH);
        if (!answer.created()) {
            probeFailures.incrementAndGet();
            return;
        }
        long answeredAt = System.nanoTime();
        String day = "/calendars/" + calendar + "/daily?date=" + start.atZone(ZoneOffset.UTC).toLocalDate() + "&timezone=UTC";
        Future<?> dayView = probes.submit(() -> record(dayViewVisible.of(created), answeredAt,
                () -> api.get(day).body().contains("\"" + id + "\"")));
        record(entryVisible.of(created), answeredAt, () -> api.get("/schedules/" + id).status() == 200);
        seenAt(onScheduleTopic.of(created), answeredAt, () -> schedule.probeSeenAt(id));
        try {
            dayView.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            probeFailures.incrementAndGet();
        }
    }

    private void conflictPair() {
        Phase created = phase;
        int pair = sequence.incrementAndGet();
        Instant start = pairsFrom.plus(pair, ChronoUnit.HOURS);
        String first = prefix(run) + "x" + pair + "a";
        String second = prefix(run) + "x" + pair + "b";
        if (!api.createItem(first, pairCalendar, start, PAIR_LENGTH).created()) {
            probeFailures.incrementAndGet();
            return;
        }
        if (!api.createItem(second, pairCalendar, start.plus(PAIR_LENGTH.dividedBy(2)), PAIR_LENGTH).created()) {
            probeFailures.incrementAndGet();
            return;
        }
        seenAt(itemConflict.of(created), System.nanoTime(), () -> conflicts.probeSeenAt(second));
    }

    /** Waits until {@code seenAt} has a time, and records it since {@code answeredAt}, or never after the patience. */
    private void seenAt(Samples samples, long answeredAt, Supplier<Optional<Long>> seenAt) {
        long deadline = answeredAt + patience.toNanos();
        Optional<Long> seen;
        while ((seen = seenAt.get()).isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(2_000_000L);
        }
        seen.ifPresentOrElse(at -> samples.add(Duration.ofNanos(Math.max(0, at - answeredAt))), samples::never);
    }

    private void oneOffItem() {
        String id = prefix(run) + "o" + sequence.incrementAndGet();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).plus(random.nextInt(1440), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        if (api.createItem(id, calendars.get(random.nextInt(calendars.size())), start, ITEM_LENGTH).created()) {
            itemsCreated.incrementAndGet();
        } else {
            itemsFailed.incrementAndGet();
        }
    }

    /** Polls {@code visible} until it holds, and records the time since {@code answeredAt}, or never after the patience. */
    private void record(Samples samples, long answeredAt, BooleanSupplier visible) {
        long deadline = answeredAt + patience.toNanos();
        while (!visible.getAsBoolean()) {
            long waited = System.nanoTime() - answeredAt;
            if (System.nanoTime() - deadline > 0) {
                samples.never();
                return;
            }
            LockSupport.parkNanos(pause(Duration.ofNanos(waited)).toNanos());
        }
        samples.add(Duration.ofNanos(System.nanoTime() - answeredAt));
    }

    /** How long a poll that has waited {@code waited} pauses before it asks again. */
    static Duration pause(Duration waited) {
        Duration pause = waited.dividedBy(8);
        return pause.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** Stops sending, and waits for the probes on their way, at most their patience. */
    @Override
    public void close() {
        clock.shutdownNow();
        probes.shutdown();
        try {
            if (!probes.awaitTermination(patience.toSeconds() + 30, TimeUnit.SECONDS)) {
                probes.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            probes.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
