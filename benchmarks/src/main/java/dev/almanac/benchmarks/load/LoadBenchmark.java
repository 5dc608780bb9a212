package dev.almanac.benchmarks.load;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;


/**
 * The end-to-end load benchmark: an open-loop generator that sends schedule and reschedule
 * commands through the gateway of a running stack at fixed rates, and measures what a user of
 * each side sees:
 *
 * <ul>
 *   <li>command latency, from the instant the generator meant to send (so a stalled service
 *       cannot hide its queue: no coordinated omission) to the answer;</li>
 *   <li>command to visible in the window query, for probe items on a calendar of their own;</li>
 *   <li>item to conflict record, for pairs of overlapping items on capacity-1 calendars, from
 *       the second item's answer to the {@code ConflictDetected} naming it on the topic;</li>
 *   <li>relay lag, from an event's {@code ce_time} to its record's broker timestamp;</li>
 *   <li>every consumer group's lag over the run, and whether it grows;</li>
 *   <li>read your writes: one ordinary schedule in ten is read back at once with its command's
 *       consistency token; the share answered fresh, the stale ones (flagged) and any answer that
 *       was neither flagged stale nor showed the write;</li>
 *   <li>in which wall-clock seconds the commands over 50 ms and the probes over 250 ms (issue 6's
 *       goals) started, to tell a standing queue from a stall ({@link SlowSeconds}).</li>
 * </ul>
 *
 * Run against a stack started with {@code ./run-local}: {@code java -jar benchmarks/target/bench-load.jar} ({@link BenchLoad}).
 */
public final class LoadBenchmark {

    /** Reschedules are this share of the commands; the rest schedule new items. */
    private static final double RESCHEDULE_SHARE = 0.2;
    /** One schedule command in this many is a visibility probe, one in this many a conflict pair. */
    private static final int PROBE_EVERY = 25;
    private static final int CONFLICT_PAIR_EVERY = 50;
    /** One ordinary schedule command in this many is read back at once with its consistency token. */
    private static final int READ_YOUR_WRITE_EVERY = 10;
    /** Open loop, but bounded: a request beyond this many in flight is counted as dropped, not sent. */
    private static final int MAX_IN_FLIGHT = 4096;
    private static final int MAX_PROBES_IN_FLIGHT = 10;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Issue 6's p99 goals, against which each step says in which seconds its slow answers fell. */
    private static final Duration COMMAND_GOAL = Duration.ofMillis(50);
    private static final Duration VISIBLE_GOAL = Duration.ofMillis(250);
    /** The warm-up goes on in rounds of this length until a round finds the stack's compilers quiet. */
    private static final Duration WARM_UP_ROUND = Duration.ofSeconds(20);
    /**
     * Quiet: the compilers of the whole stack use at most this share of one core. A warm stack still compiles now
     * and then (a method that became hot, one deoptimised); 0.05 of a core is 2.5 % of two cores.
     */
    static final double QUIET_COMPILER_CORES = 0.05;

    private final Settings settings;
    private final PrintStream out;
    private final Commands commands;
    private final Observers observers;
    private final String run = "b" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final Instant farFuture = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    private final AtomicInteger itemSequence = new AtomicInteger();
    private final AtomicInteger probeSequence = new AtomicInteger();
    private final AtomicInteger pairSequence = new AtomicInteger();
    private final ConcurrentLinkedQueue<Commands.Item> idleItems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger probesInFlight = new AtomicInteger();

    /**
     * @param gateway   the stack's one base URL, for example {@code http://127.0.0.1:8080}
     * @param kafka     the broker's bootstrap servers
     * @param rates     commands per second, one run per rate, in order
     * @param duration  how long each rate is held
     * @param calendars how many ordinary calendars the load is spread over
     * @param windowReaders how many clients read those calendars' windows meanwhile, one read after another
     * @param probeByToken  whether a visibility probe asks the window once with its command's consistency token (as a
     *                      frontend that has just written does), rather than polling it until it counts the item
     * @param warmUpLimit   how long the warm-up may go on waiting for the stack's JIT compilers to go quiet; zero
     *                      ends it after its three short steps, as before, so the first steps measure a stack still
     *                      compiling
     * @param warmUpStep    how long each of the warm-up's three short steps lasts
     */
    public record Settings(String gateway, String kafka, List<Integer> rates, Duration duration, int calendars, int windowReaders,
                           boolean probeByToken, Duration warmUpLimit, Duration warmUpStep) {

        /** The warm-up's short steps of {@link #WARM_UP_STEP}, as bench-load runs them. */
        public Settings(String gateway, String kafka, List<Integer> rates, Duration duration, int calendars, int windowReaders,
                        boolean probeByToken, Duration warmUpLimit) {
            this(gateway, kafka, rates, duration, calendars, windowReaders, probeByToken, warmUpLimit, WARM_UP_STEP);
        }
    }

    /** Each of the warm-up's three short steps, unless the settings say otherwise. */
    static final Duration WARM_UP_STEP = Duration.ofSeconds(10);

    private final WindowReaders windowReaders;

    private LoadBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.commands = new Commands(settings.gateway());
        this.observers = new Observers(settings.kafka());
        this.windowReaders = new WindowReaders(commands,
                IntStream.range(0, settings.calendars()).mapToObj(this::ordinaryCalendar).toList(), farFuture, settings.windowReaders());
    }

    /** Runs every step, printing each as it ends and a table of them all at the end to {@code out}. */
    public static void run(Settings settings, PrintStream out) throws Exception {
        LoadBenchmark benchmark = new LoadBenchmark(settings, out);
        try {
            benchmark.runAll();
        } finally {
            benchmark.commands.close();
            benchmark.observers.close();
        }
    }

    private void runAll() throws Exception {
        out.printf("run %s against %s; %d ordinary calendars; rates %s cmd/s for %d s each; %d window readers;"
                        + " visibility probed %s%n", run, settings.gateway(), settings.calendars(), settings.rates(),
                settings.duration().toSeconds(), settings.windowReaders(),
                settings.probeByToken() ? "by each command's token" : "by polling the window");
        setUpCalendars();
        observers.start();
        warmUp();
        List<String> lines = new ArrayList<>();
        for (int rate : settings.rates()) {
            Result result = runAt(rate);
            lines.add(result.line());
            out.println(result.describe());
        }
        out.println("\nrate | sent | ok | failed | dropped | cmd p50/p99/max ms | visible p50/p99 ms (n) | conflict p50/p99 ms (n, missing) | relay p50/p99 ms | lag max/end (query, conflicts) | lag trend | read-your-writes | CPU ms per command | stood still at safepoints | JIT compilers, cores"
                + (settings.windowReaders() > 0 ? " | windows p50/p99 ms (reads/s, not modified)" : ""));
        lines.forEach(out::println);
    }

    private void setUpCalendars() {
        for (int i = 0; i < settings.calendars(); i++) {
            commands.createCalendar(ordinaryCalendar(i), "master", 10_000);
        }
        for (int i = 0; i < conflictCalendars(); i++) {
            commands.createCalendar(conflictCalendar(i), "venue", 1);
        }
        commands.createCalendar(probeCalendar(), "master", 10_000);
    }

    /**
     * Warms the JITs and connection pools of every service before anything is measured, then
     * lets every queue drain, so that no backlog of the warm-up is counted against a rate. After
     * three short steps it goes on at the last one's rate, in rounds, until a round finds the
     * stack's compilers quiet ({@link StackCompilers}) or the settings' limit has passed.
     */
    private void warmUp() {
        int rate = Math.min(200, settings.rates().get(0));
        for (int step : List.of(50, 100, rate)) {
            Result warm = runAt(step, settings.warmUpStep(), true);
            out.println("warm-up: " + warm.describe());
        }
        if (settings.warmUpLimit().isZero()) {
            return;
        }
        long began = System.nanoTime();
        long deadline = began + settings.warmUpLimit().toNanos();
        while (true) {
            Result round = runAt(rate, WARM_UP_ROUND, true);
            double compiling = round.compilerCores();
            Duration warming = Duration.ofNanos(System.nanoTime() - began);
            WarmUp verdict = afterRound(round.recorder().compilers.isEmpty(), compiling, System.nanoTime() - deadline > 0);
            if (verdict == WarmUp.UNREADABLE) {
                out.println("warm-up: the stack's compilers cannot be read here (no local stack on this machine,"
                        + " or no /proc), so the warm-up ends after one round");
                return;
            }
            out.printf("warm-up round at %d cmd/s: compilers %s; command p50/p99/max %s ms%n", rate,
                    round.compilers(), round.recorder().commands.summary(true));
            switch (verdict) {
                case WARM -> {
                    out.printf("warm: the compilers used %.2f cores in the last round, after %d s of rounds%n",
                            compiling, warming.toSeconds());
                    return;
                }
                case NOT_WARM -> {
                    out.printf("NOT WARM: the compilers still used %.2f cores (quiet is %.2f) after %d s of rounds;"
                            + " the steps below measure a stack still compiling%n", compiling, QUIET_COMPILER_CORES, warming.toSeconds());
                    return;
                }
                default -> {
                    // Another round.
                }
            }
        }
    }

    /** What a warm-up round decides. */
    enum WarmUp { GO_ON, WARM, NOT_WARM, UNREADABLE }

    /**
     * @param unreadable   that no compiler thread of the stack could be read
     * @param compilerCores the cores the stack's compilers used in the round
     * @param pastLimit    that the warm-up's limit has passed
     */
    static WarmUp afterRound(boolean unreadable, double compilerCores, boolean pastLimit) {
        if (unreadable) {
            return WarmUp.UNREADABLE;
        }
        if (compilerCores <= QUIET_COMPILER_CORES) {
            return WarmUp.WARM;
        }
        return pastLimit ? WarmUp.NOT_WARM : WarmUp.GO_ON;
    }

    private Result runAt(int rate) {
        return runAt(rate, settings.duration(), true);
    }

    private Result runAt(int rate, Duration duration, boolean awaitSettle) {
        Recorder recorder = new Recorder(rate, settings.windowReaders() > 0);
        Map<String, List<ProcessHandle>> stack = StackCpu.processes();
        Map<String, Duration> cpuBefore = StackCpu.read(stack);
        Map<String, StackPauses.Stopped> pausesBefore = StackPauses.read(stack);
        Map<String, Duration> compilersBefore = StackCompilers.read(stack);
        long pausesFrom = System.nanoTime();
        observers.attach(recorder);
        long intervalNanos = 1_000_000_000L / rate;
        long count = duration.toSeconds() * rate;
        long start = System.nanoTime() + 50_000_000L;
        LagSampler lag = new LagSampler(observers, recorder);
        lag.start();
        windowReaders.start(recorder);
        for (long i = 0; i < count; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                recorder.dropped.incrementAndGet();
                continue;
            }
            send(i, intended, recorder);
        }
        recorder.sendingEnded = System.nanoTime();
        windowReaders.stop();
        awaitInFlight(Duration.ofSeconds(30));
        if (awaitSettle) {
            recorder.settled = observers.awaitSettled(SETTLE, recorder);
        }
        lag.stop();
        observers.detach();
        // Read after the settle, so the downstream work the run caused is counted with it.
        Map<String, List<ProcessHandle>> stackAfter = StackCpu.processes();
        recorder.cpu = StackCpu.spent(cpuBefore, StackCpu.read(stackAfter));
        recorder.pauses = StackPauses.spent(pausesBefore, StackPauses.read(stackAfter));
        recorder.compilers = StackCpu.spent(compilersBefore, StackCompilers.read(stackAfter));
        recorder.pausesOver = Duration.ofNanos(System.nanoTime() - pausesFrom);
        return recorder.result();
    }

    private void send(long index, long intended, Recorder recorder) {
        recorder.sent.incrementAndGet();
        inFlight.incrementAndGet();
        Commands.Item idle = ThreadLocalRandom.current().nextDouble() < RESCHEDULE_SHARE ? idleItems.poll() : null;
        if (idle != null) {
            Instant newStart = idle.start().plus(ThreadLocalRandom.current().nextInt(1, 48), ChronoUnit.HOURS);
            commands.reschedule(idle.id(), newStart).whenComplete((response, failure) -> {
                finished(recorder, intended, response, failure);
                idleItems.add(new Commands.Item(idle.id(), response != null && response.ok() ? newStart : idle.start()));
            });
        } else if (index % CONFLICT_PAIR_EVERY == 1) {
            conflictPair(intended, recorder);
        } else if (index % PROBE_EVERY == 2) {
            probe(intended, recorder);
        } else {
            ordinary(intended, recorder, index % READ_YOUR_WRITE_EVERY == 3);
        }
    }

    private void ordinary(long intended, Recorder recorder) {
        ordinary(intended, recorder, false);
    }

    /** A new item on one of the ordinary calendars, at a random time in the coming year; read back with its token if asked. */
    private void ordinary(long intended, Recorder recorder, boolean readBack) {
        String id = run + "-i" + itemSequence.incrementAndGet();
        Instant itemStart = farFuture.plus(ThreadLocalRandom.current().nextInt(0, 330 * 24 * 12) * 5L, ChronoUnit.MINUTES);
        commands.schedule(id, ordinaryCalendar(ThreadLocalRandom.current().nextInt(settings.calendars())), itemStart,
                Duration.ofMinutes(30)).whenComplete((response, failure) -> {
                    finished(recorder, intended, response, failure);
                    if (response != null && response.ok()) {
                        if (readBack) {
                            readBack(id, response.token(), recorder);
                        } else {
                            idleItems.add(new Commands.Item(id, itemStart));
                        }
                    }
                });
    }

    /**
     * Reads the item at once with its command's token. Fresh means the answer must show the item;
     * stale is allowed but counted; anything else (no flag, or fresh without the item) is a violation.
     * Read-back items are never rescheduled, so the item read is exactly the one written.
     */
    private void readBack(String id, String token, Recorder recorder) {
        long answered = System.nanoTime();
        if (token == null) {
            recorder.readViolations.incrementAndGet();
            return;
        }
        commands.readYourWrite(id, token).whenComplete((read, failure) -> {
            recorder.readYourWrites.add(System.nanoTime() - answered);
            if (failure != null || read == null) {
                recorder.readViolations.incrementAndGet();
            } else if ("fresh".equals(read.freshness()) && read.status() == 200 && read.body().contains("\"id\":\"" + id + "\"")) {
                recorder.readsFresh.incrementAndGet();
            } else if ("stale".equals(read.freshness())) {
                recorder.readsStale.incrementAndGet();
            } else {
                recorder.readViolations.incrementAndGet();
            }
        });
    }

    /** Two overlapping items on a capacity-1 calendar; the second one's answer starts the conflict clock. */
    private void conflictPair(long intended, Recorder recorder) {
        int pair = pairSequence.incrementAndGet();
        String calendar = conflictCalendar(pair % conflictCalendars());
        Instant first = farFuture.plus(pair * 3L, ChronoUnit.HOURS);
        String second = run + "-c" + pair + "b";
        commands.schedule(run + "-c" + pair + "a", calendar, first, Duration.ofMinutes(60)).whenComplete((a, failure) -> {
            finished(recorder, intended, a, failure);
            if (a == null || !a.ok()) {
                return;
            }
            recorder.sent.incrementAndGet();
            inFlight.incrementAndGet();
            long secondIntended = System.nanoTime();
            recorder.conflictPending.put(second, Long.MAX_VALUE);
            commands.schedule(second, calendar, first.plus(30, ChronoUnit.MINUTES), Duration.ofMinutes(60))
                    .whenComplete((b, secondFailure) -> {
                        finished(recorder, secondIntended, b, secondFailure);
                        if (b != null && b.ok()) {
                            observers.conflictClockStarts(recorder, second, System.nanoTime());
                        } else {
                            recorder.conflictPending.remove(second);
                        }
                    });
        });
    }

    /**
     * An item alone in its own hour of the probe calendar, asked of the window with its token, or polled there, until it counts.
     * At most {@link #MAX_PROBES_IN_FLIGHT} are polled at once; beyond that the command is an
     * ordinary one, so that probing stays a small share of the read load however slow the read side is.
     */
    private void probe(long intended, Recorder recorder) {
        if (probesInFlight.get() >= MAX_PROBES_IN_FLIGHT) {
            ordinary(intended, recorder);
            return;
        }
        int probe = probeSequence.incrementAndGet();
        Instant at = farFuture.plus(400, ChronoUnit.DAYS).plus(probe, ChronoUnit.HOURS);
        commands.schedule(run + "-p" + probe, probeCalendar(), at, Duration.ofMinutes(15)).whenComplete((response, failure) -> {
            finished(recorder, intended, response, failure);
            if (response != null && response.ok()) {
                long answered = System.nanoTime();
                probesInFlight.incrementAndGet();
                String token = settings.probeByToken() ? response.token() : null;
                commands.awaitVisibleInWindow(probeCalendar(), at, token, Duration.ofSeconds(30)).whenComplete((visible, missing) -> {
                    probesInFlight.decrementAndGet();
                    long latency = visible == null ? Long.MAX_VALUE : visible.at() - answered;
                    recorder.visible.add(latency);
                    recorder.slowVisible.add(answered, latency);
                    if (visible != null) {
                        recorder.visibleRequests.addAndGet(visible.requests());
                    }
                    if (visible != null && visible.byToken()) {
                        recorder.visibleByToken.incrementAndGet();
                    }
                    if (visible != null && visible.freshWithoutItem()) {
                        recorder.visibleFreshWithoutItem.incrementAndGet();
                    }
                });
            }
        });
    }

    private void finished(Recorder recorder, long intended, Commands.Response response, Throwable failure) {
        inFlight.decrementAndGet();
        long took = System.nanoTime() - intended;
        if (failure == null && response != null && response.ok()) {
            recorder.commands.add(took);
            recorder.slowCommands.add(intended, took);
        } else {
            recorder.failed.incrementAndGet();
            recorder.failures.merge(failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.status(), 1, Integer::sum);
        }
    }

    private void awaitInFlight(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private int conflictCalendars() {
        return Math.max(2, settings.calendars() / 10);
    }

    private String ordinaryCalendar(int index) {
        return run + "-m" + index;
    }

    private String conflictCalendar(int index) {
        return run + "-v" + index;
    }

    private String probeCalendar() {
        return run + "-probe";
    }

    /** Periodically samples every consumer group's lag during a run. */
    private static final class LagSampler {

        private final Observers observers;
        private final Recorder recorder;
        private final Thread thread;
        private volatile boolean running = true;

        LagSampler(Observers observers, Recorder recorder) {
            this.observers = observers;
            this.recorder = recorder;
            this.thread = new Thread(this::sample, "lag-sampler");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        private void sample() {
            while (running) {
                Map<String, Long> lags = observers.consumerLags();
                recorder.lagSamples.add(new LagSample(System.nanoTime(), lags));
                LockSupport.parkNanos(2_000_000_000L);
            }
        }
    }

    record LagSample(long at, Map<String, Long> lagByGroup) {
    }

    /** Everything measured at one rate. */
    static final class Recorder {

        final int rate;
        /** Whether window readers ran beside the commands, so that the figures carry their column. */
        final boolean readingWindows;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final Latencies commands = new Latencies();
        final Latencies visible = new Latencies();
        /** Where in the step the answers slower than issue 6's goals fell. */
        final SlowSeconds slowCommands = new SlowSeconds(COMMAND_GOAL);
        final SlowSeconds slowVisible = new SlowSeconds(VISIBLE_GOAL);
        /** Probes whose one window answer, asked with their token, counted the item. */
        final AtomicLong visibleByToken = new AtomicLong();
        /** The window requests the probes that saw their item made. */
        final AtomicLong visibleRequests = new AtomicLong();
        /** Window answers flagged fresh by a probe's token that did not count its item: each one a broken promise. */
        final AtomicLong visibleFreshWithoutItem = new AtomicLong();
        final Latencies conflicts = new Latencies();
        final Latencies relay = new Latencies();
        final Latencies readYourWrites = new Latencies();
        final Latencies windows = new Latencies();
        final AtomicLong windowsNotModified = new AtomicLong();
        final AtomicLong windowFailures = new AtomicLong();
        final AtomicLong readsFresh = new AtomicLong();
        final AtomicLong readsStale = new AtomicLong();
        final AtomicLong readViolations = new AtomicLong();
        final Map<String, Long> conflictPending = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<LagSample> lagSamples = new ConcurrentLinkedQueue<>();
        final long began = System.nanoTime();
        volatile long sendingEnded;
        volatile Duration settled;
        volatile Map<String, Duration> cpu = Map.of();
        volatile Map<String, StackPauses.Stopped> pauses = Map.of();
        /** CPU used by each role's JIT compilers over the same time as {@link #pauses}. */
        volatile Map<String, Duration> compilers = Map.of();
        volatile Duration pausesOver = Duration.ZERO;

        Recorder(int rate, boolean readingWindows) {
            this.rate = rate;
            this.readingWindows = readingWindows;
        }

        Result result() {
            return new Result(this);
        }
    }

    /** The figures of one rate, as a table line and as prose. */
    record Result(Recorder recorder) {

        String line() {
            Recorder r = recorder;
            return String.format("%d | %d | %d | %d | %d | %s | %s (%d) | %s (%d, %d) | %s | %s | %s | %s | %s | %s | %.2f",
                    r.rate, r.sent.get(), r.commands.count(), r.failed.get(), r.dropped.get(),
                    r.commands.summary(true), r.visible.summary(false), r.visible.count(),
                    r.conflicts.summary(false), r.conflicts.count(), r.conflictPending.size(),
                    r.relay.summary(false), lagSummary(), lagTrend(), readYourWrites(),
                    StackCpu.perCommand(r.cpu, r.commands.count()), StackPauses.describe(r.pauses, r.pausesOver),
                    compilerCores())
                    + (r.readingWindows ? " | " + windows() : "");
        }

        /** The cores the stack's JIT compilers used on average during the step, its drain and its settle. */
        double compilerCores() {
            return StackCompilers.cores(recorder.compilers, recorder.pausesOver);
        }

        String compilers() {
            return StackCompilers.describe(recorder.compilers, recorder.pausesOver);
        }

        String describe() {
            Recorder r = recorder;
            double seconds = (r.sendingEnded - r.began) / 1e9;
            return String.format("%d cmd/s: %d sent, %d answered 2xx (%.0f/s), %d failed %s, %d dropped; command %s ms;"
                            + " visible %s ms over %d probes (%d by their token, %d fresh without the item, %.1f window requests a second);"
                            + " conflict %s ms over %d pairs, %d undetected; relay %s ms;"
                            + " consumer lag max/end %s, trend %s; read-your-writes %s; settled %s;%n  CPU ms per command: %s"
                            + "%n  stood still at safepoints (share of the step, stops, mean): %s"
                            + "%n  JIT compilers: %s"
                            + "%n  slow answers by the second they started (UTC): commands %s; visible %s",
                    r.rate, r.sent.get(), r.commands.count(), r.commands.count() / seconds, r.failed.get(), r.failures,
                    r.dropped.get(), r.commands.summary(true), r.visible.summary(false), r.visible.count(),
                    r.visibleByToken.get(), r.visibleFreshWithoutItem.get(), r.visibleRequests.get() / seconds,
                    r.conflicts.summary(false), r.conflicts.count(), r.conflictPending.size(), r.relay.summary(false),
                    lagSummary(), lagTrend(), readYourWrites(), r.settled == null ? "not awaited" : "after " + r.settled.toMillis() + " ms",
                    StackCpu.perCommand(r.cpu, r.commands.count()), StackPauses.describe(r.pauses, r.pausesOver),
                    compilers(), r.slowCommands.describe(), r.slowVisible.describe())
                    + (r.readingWindows ? String.format("%n  windows read meanwhile: %s", windows()) : "");
        }

        /** The window reads during the step: p50/p99, reads a second, the share answered 304, and failures if any. */
        private String windows() {
            Recorder r = recorder;
            double seconds = (r.sendingEnded - r.began) / 1e9;
            int reads = r.windows.count();
            return String.format("%s ms (%.0f/s, %.0f%% not modified%s)", r.windows.summary(false), reads / seconds,
                    reads == 0 ? 0.0 : 100.0 * r.windowsNotModified.get() / reads,
                    r.windowFailures.get() > 0 ? ", " + r.windowFailures.get() + " failed" : "");
        }

        /** Reads with the token: fresh share, then counts, then the read's p50/p99 from the command's answer. */
        private String readYourWrites() {
            Recorder r = recorder;
            long total = r.readsFresh.get() + r.readsStale.get() + r.readViolations.get();
            return total == 0 ? "n/a" : String.format("%.2f%% fresh (%d fresh, %d stale, %d unflagged) %s ms",
                    100.0 * r.readsFresh.get() / total, r.readsFresh.get(), r.readsStale.get(), r.readViolations.get(),
                    r.readYourWrites.summary(false));
        }

        private String lagSummary() {
            Map<String, long[]> byGroup = new LinkedHashMap<>();
            LagSample last = null;
            for (LagSample sample : recorder.lagSamples) {
                sample.lagByGroup().forEach((group, lag) -> byGroup.merge(group, new long[] {lag, lag},
                        (a, b) -> new long[] {Math.max(a[0], b[0]), b[1]}));
                last = sample;
            }
            StringBuilder text = new StringBuilder();
            byGroup.forEach((group, maxAndEnd) -> text.append(text.isEmpty() ? "" : ", ").append(group).append(' ')
                    .append(maxAndEnd[0]).append('/').append(maxAndEnd[1]));
            return last == null ? "n/a" : text.toString();
        }

        /** Mean lag of the second half of the samples minus that of the first half, per group: positive means growing. */
        private String lagTrend() {
            List<LagSample> samples = new ArrayList<>(recorder.lagSamples);
            if (samples.size() < 4) {
                return "n/a";
            }
            int half = samples.size() / 2;
            Map<String, Double> trend = new LinkedHashMap<>();
            for (String group : samples.get(0).lagByGroup().keySet()) {
                double first = samples.subList(0, half).stream().mapToLong(s -> s.lagByGroup().getOrDefault(group, 0L)).average().orElse(0);
                double second = samples.subList(half, samples.size()).stream().mapToLong(s -> s.lagByGroup().getOrDefault(group, 0L)).average().orElse(0);
                trend.put(group, second - first);
            }
            StringBuilder text = new StringBuilder();
            trend.forEach((group, delta) -> text.append(text.isEmpty() ? "" : ", ").append(group).append(' ')
                    .append(String.format("%+.0f", delta)));
            return text.toString();
        }
    }
}
