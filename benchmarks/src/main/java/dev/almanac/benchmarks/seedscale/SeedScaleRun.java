package dev.almanac.benchmarks.seedscale;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.benchmarks.kafka.ConsumerLags;

/**
 * One seed-scale run, phase by phase: the stack started (or found), the calendars created, observers and probes
 * started, the rules loaded, the stack left to settle, the conflicts counted, the year window read, the stack
 * restarted and waited for, and the summary printed and written.
 */
final class SeedScaleRun {

    private static final Duration START_PATIENCE = Duration.ofMinutes(10);
    private static final Duration STOP_PATIENCE = Duration.ofMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration SETTLE_CHECK = Duration.ofMillis(200);
    /** Once every lag is zero, the conflicts topic's reader has this long to read the last of the planted conflicts. */
    private static final Duration CONFLICTS_GRACE = Duration.ofSeconds(10);
    private static final Set<String> OPEN = Set.of("detected", "escalated");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SeedScaleOptions options;
    private final PrintStream out;
    private final String run;
    private final long startedAt = System.nanoTime();
    /** When the load begins, once the stack answers: the plan's and the detection window's start. */
    private Instant start = Instant.now();
    private final Report report = new Report();
    private final Api api;
    private @Nullable LocalStackProcess stack;
    private @Nullable Thread stopOnExit;

    SeedScaleRun(SeedScaleOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.api = new Api(options.gateway());
        // Short, unique on this machine, and a valid id prefix: "ss" and the run's start in base 36.
        this.run = "ss" + Long.toString(System.currentTimeMillis() / 100 % 2_176_782_336L, 36);
    }

    Report run() throws Exception {
        Path runDirectory = options.out().resolve(run);
        out.printf("seed-scale run %s (seed %d) against %s, %s; output in %s%n", run, options.seed(), options.gateway(),
                options.startStack() ? "a stack this run starts" : "the stack already running there", runDirectory);
        report.put("run", run);
        report.put("seed", options.seed());
        report.put("gateway", options.gateway());
        report.put("stack_started_by_run", options.startStack());
        try {
            if (options.startStack()) {
                startStack(runDirectory);
            } else if (!api.answers()) {
                throw new IllegalStateException("no stack answers at " + options.gateway() + "; start one (./run-local) or leave out --running-stack");
            }
            measure();
        } finally {
            stopAtEnd();
        }
        out.println();
        out.println("== seed-scale summary, run " + run + " ==");
        out.println(report.text());
        Path written = report.write(options.out().resolve("seed-scale-" + run + ".json"));
        out.println("written to " + written);
        return report;
    }

    private void startStack(Path runDirectory) throws IOException {
        Path home = runDirectory.resolve("home");
        Files.createDirectories(runDirectory);
        LocalStackProcess started = LocalStackProcess.start(options.repository(), home, options.gateway(), runDirectory.resolve("launcher.log"));
        stack = started;
        Thread hook = new Thread(started::signalStop, "seed-scale-stop-stack");
        Runtime.getRuntime().addShutdownHook(hook);
        stopOnExit = hook;
        out.printf("starting the local stack on the fresh home %s ...%n", home);
        Duration ready = started.awaitGateway(api, START_PATIENCE);
        out.printf("the gateway answered %.1f s after the start%n", ready.toMillis() / 1000.0);
        report.put("first_start_s", Report.seconds(ready));
        report.put("home", home.toString());
    }

    private void measure() throws Exception {
        start = Instant.now();
        report.put("started", start.toString());
        SeedPlan plan = SeedPlan.draw(options, run, start);
        Instant till = start.plus(options.detectionWindow());
        ConflictOracle.Expected expected = ConflictOracle.expected(plan.planted(), start, till);
        describe(plan, till, expected);

        for (SeedPlan.CalendarSpec calendar : plan.calendars()) {
            api.createCalendar(calendar);
        }
        SeedPlan.CalendarSpec pairCalendar = new SeedPlan.CalendarSpec(run + "-pairs", SeedPlan.ZONES.get(0), 1);
        api.createCalendar(pairCalendar);

        List<String> planted = plan.plantedCalendars().stream().map(SeedPlan.CalendarSpec::id).toList();
        try (ConsumerLags lags = new ConsumerLags(options.bootstrap());
             ConflictTopic conflicts = new ConflictTopic(options.bootstrap(), Probes.prefix(run), Set.copyOf(planted));
             ScheduleTopic schedule = new ScheduleTopic(options.bootstrap(), Probes.prefix(run))) {
            lags.startSampling();
            RuleLoad load = new RuleLoad(api, plan.rules());
            RuleLoad.Result loaded;
            long lastRule;
            Optional<Duration> conflictsComplete;
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "seed-scale-progress");
                thread.setDaemon(true);
                return thread;
            });
            Probes probes = new Probes(api, conflicts, schedule, run, plan.openCalendars().stream().map(SeedPlan.CalendarSpec::id).toList(),
                    pairCalendar.id(), options.probePatience(), options.seed() + 1);
            try (probes) {
                probes.start(options.probeEvery(), options.itemsPerDay());
                progress.scheduleAtFixedRate(() -> progress(load, probes, lags, conflicts, expected), PROGRESS_EVERY.toMillis(),
                        PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                out.printf("creating %,d rules with %d clients ...%n", plan.rules().size(), options.clients());
                loaded = load.run(options.clients());
                lastRule = loaded.lastCreated();
                probes.loadEnded();
                out.printf("the last rule was answered after %.1f s; waiting for every consumer to catch up ...%n", loaded.took().toMillis() / 1000.0);
                memory("memory_end_of_load", "memory, end of load");
                conflictsComplete = settle(lags, conflicts, expected, lastRule);
                out.println("letting the last probes finish ...");
            } finally {
                progress.shutdownNow();
            }
            reportLoad(plan, loaded);
            reportProbes(probes);
            reportLags(lags.samples(), lastRule);
            reportConflicts(conflicts, planted, expected, conflictsComplete);
            memory("memory_end_of_run", "memory, after settling");
            readYearWindow();
            if (options.restart()) {
                restart(lags, "restart", false);
            }
            if (options.rebuildRestart()) {
                restart(lags, "restart_rebuilding", true);
            }
        }
    }

    private void describe(SeedPlan plan, Instant till, ConflictOracle.Expected expected) {
        Map<SeedPlan.Cadence, Integer> cadences = plan.cadences();
        String mix = cadences.entrySet().stream().map(entry -> "%,d %s".formatted(entry.getValue(), entry.getKey().name().toLowerCase()))
                .collect(Collectors.joining(", "));
        String zones = SeedPlan.ZONES.stream().map(Object::toString).collect(Collectors.joining(", "));
        out.printf("plan: %,d rules by %d users on %d calendars (%d of capacity 1 with %d planted pairs): %s; zones %s;"
                        + " about %,d jobs a day from rules%s%n", plan.rules().size(), options.users(), plan.calendars().size(),
                plan.plantedCalendars().size(), options.plantedPairs(), mix, zones, plan.jobsPerDay(),
                options.itemsPerDay() > 0 ? " and %,d one-off items a day".formatted(options.itemsPerDay()) : "");
        out.printf("detection window [%s, %s) (%d days): the planted pairs imply %,d conflicts over %,d occurrences;"
                        + " the nearest falls %.1f h from an edge of the window%n", start, till, options.detectionWindow().toDays(),
                expected.conflicts(), expected.occurrences(), expected.nearestEdge().toMinutes() / 60.0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rules", plan.rules().size());
        json.put("users", options.users());
        json.put("clients", options.clients());
        json.put("calendars", plan.calendars().size());
        json.put("planted_calendars", plan.plantedCalendars().size());
        json.put("planted_pairs", options.plantedPairs());
        json.put("cadences", cadences.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().name().toLowerCase(),
                Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
        json.put("zones", SeedPlan.ZONES.stream().map(Object::toString).toList());
        json.put("jobs_per_day_from_rules", plan.jobsPerDay());
        json.put("items_per_day", options.itemsPerDay());
        report.put("plan", json);
        report.put("detection_window", Map.of("from", start.toString(), "till", till.toString(), "days", options.detectionWindow().toDays()));
        report.line("plan", "%,d rules (%s) by %d users, %d clients, on %d calendars; about %,d jobs a day%s"
                .formatted(plan.rules().size(), mix, options.users(), options.clients(), plan.calendars().size(), plan.jobsPerDay(),
                        options.itemsPerDay() > 0 ? " + %,d items a day".formatted(options.itemsPerDay()) : ""));
        report.line("detection window", "[%s, %s), %d days".formatted(start, till, options.detectionWindow().toDays()));
    }

    /**
     * Waits after the last rule until every consumer group's lag is zero, and the planted conflicts are all read or a
     * little longer, with the probes going on at least {@code afterLoad}; or until the settle timeout.
     *
     * @return when the open planted conflicts on the topic first numbered the oracle's count, after the last rule
     */
    private Optional<Duration> settle(ConsumerLags lags, ConflictTopic conflicts, ConflictOracle.Expected expected, long lastRule) {
        long probeUntil = lastRule + options.afterLoad().toNanos();
        long deadline = lastRule + options.settleTimeout().toNanos();
        Duration complete = null;
        while (true) {
            long now = System.nanoTime();
            if (complete == null && conflicts.openOnPlantedInAll() == expected.conflicts()) {
                complete = Duration.ofNanos(Math.max(0, now - lastRule));
            }
            Optional<Duration> lagZero = ConsumerLags.allZero(lags.samples(), lastRule);
            boolean settled = lagZero.isPresent()
                    && (complete != null || now - (lastRule + lagZero.get().plus(CONFLICTS_GRACE).toNanos()) > 0);
            if (now - probeUntil >= 0 && (settled || now - deadline > 0)) {
                return Optional.ofNullable(complete);
            }
            LockSupport.parkNanos(SETTLE_CHECK.toNanos());
        }
    }

    private void progress(RuleLoad load, Probes probes, ConsumerLags lags, ConflictTopic conflicts, ConflictOracle.Expected expected) {
        String lag = lags.latest().map(sample -> sample.groups().entrySet().stream()
                        .filter(entry -> entry.getValue().active())
                        .map(entry -> "%s %,d".formatted(entry.getKey(), entry.getValue().lag()))
                        .collect(Collectors.joining(", ")))
                .orElse("not read yet");
        out.printf("[%5d s] rules %,d | probes: entry %d, day view %d, conflict %d seen | lag: %s | planted conflicts %,d of %,d%n",
                Duration.ofNanos(System.nanoTime() - startedAt).toSeconds(), load.created.get(),
                probes.entryVisible.duringLoad().count() + probes.entryVisible.afterLoad().count(),
                probes.dayViewVisible.duringLoad().count() + probes.dayViewVisible.afterLoad().count(),
                probes.itemConflict.duringLoad().count() + probes.itemConflict.afterLoad().count(),
                lag, conflicts.openOnPlantedInAll(), expected.conflicts());
    }

    private void reportLoad(SeedPlan plan, RuleLoad.Result loaded) {
        report.line("rules created", "%,d of %,d in %.1f s (%.1f/s), %d failed, %d retried after 429, %d resent after no answer or 5xx;"
                .formatted(loaded.created(), plan.rules().size(), loaded.took().toMillis() / 1000.0, loaded.perSecond(), loaded.failed(),
                        loaded.rateLimited(), loaded.resent()) + " each p50/p99/max " + loaded.latencies().summary());
        loaded.firstFailures().forEach(failure -> report.line("  failed", failure));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", loaded.created());
        json.put("failed", loaded.failed());
        json.put("retried_429", loaded.rateLimited());
        json.put("resent", loaded.resent());
        json.put("seconds", Report.seconds(loaded.took()));
        json.put("per_second", Math.round(loaded.perSecond() * 10) / 10.0);
        json.put("latency", loaded.latencies().json());
        json.put("first_failures", loaded.firstFailures());
        report.put("rules", json);
    }

    private void reportProbes(Probes probes) {
        report.line("item visible, entry", "during load " + probes.entryVisible.duringLoad().summary() + "; after load "
                + probes.entryVisible.afterLoad().summary());
        report.line("  of it, to the topic", "during load " + probes.onScheduleTopic.duringLoad().summary() + "; after load "
                + probes.onScheduleTopic.afterLoad().summary());
        report.line("item visible, day view", "during load " + probes.dayViewVisible.duringLoad().summary() + "; after load "
                + probes.dayViewVisible.afterLoad().summary());
        report.line("item conflict on topic", "during load " + probes.itemConflict.duringLoad().summary() + "; after load "
                + probes.itemConflict.afterLoad().summary());
        report.line("probe failures", "%d probe items not answered 201; one-off items %,d created, %d failed"
                .formatted(probes.probeFailures.get(), probes.itemsCreated.get(), probes.itemsFailed.get()));
        report.put("item_visible_entry", phased(probes.entryVisible));
        report.put("item_on_schedule_topic", phased(probes.onScheduleTopic));
        report.put("item_visible_day_view", phased(probes.dayViewVisible));
        report.put("item_conflict", phased(probes.itemConflict));
        report.put("probe_failures", probes.probeFailures.get());
        report.put("one_off_items", Map.of("created", probes.itemsCreated.get(), "failed", probes.itemsFailed.get()));
    }

    private static Map<String, Object> phased(Probes.Phased phased) {
        return Map.of("during_load", phased.duringLoad().json(), "after_load", phased.afterLoad().json());
    }

    private void reportLags(List<ConsumerLags.Sample> samples, long lastRule) {
        Set<String> counted = ConsumerLags.counted(samples);
        Map<String, Long> largest = ConsumerLags.largest(samples);
        Map<String, Duration> zero = ConsumerLags.firstZero(samples, lastRule);
        Optional<Duration> allZero = ConsumerLags.allZero(samples, lastRule);
        report.line("lag zero after last rule", allZero.map(took -> "%.1f s, every group".formatted(took.toMillis() / 1000.0))
                .orElse("NOT within the %d s waited".formatted(options.settleTimeout().toSeconds())));
        Map<String, Object> groups = new TreeMap<>();
        for (Map.Entry<String, Long> group : largest.entrySet()) {
            boolean active = counted.contains(group.getKey());
            Duration atZero = zero.get(group.getKey());
            long last = samples.stream().filter(sample -> sample.at() - lastRule >= 0).reduce((a, b) -> b)
                    .map(sample -> sample.groups().get(group.getKey())).map(ConsumerLags.Lag::lag).orElse(-1L);
            report.line("  " + group.getKey(), "largest lag %,d; %s%s".formatted(group.getValue(),
                    atZero == null ? "not zero after the last rule (last %,d)".formatted(last)
                            : "zero %.1f s after the last rule".formatted(atZero.toMillis() / 1000.0),
                    active ? "" : " (no members: not counted)"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("largest_lag", group.getValue());
            json.put("zero_after_last_rule_s", atZero == null ? null : Report.seconds(atZero));
            json.put("last_lag", last);
            json.put("counted", active);
            groups.put(group.getKey(), json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("all_zero_after_last_rule_s", allZero.map(Report::seconds).orElse(null));
        json.put("groups", groups);
        report.put("lag", json);
    }

    private void reportConflicts(ConflictTopic conflicts, List<String> planted, ConflictOracle.Expected expected,
                                 Optional<Duration> complete) {
        Map<String, Integer> onTopic = conflicts.openOnPlanted();
        Map<String, Integer> fromApi = new TreeMap<>();
        for (String calendar : planted) {
            fromApi.put(calendar, openConflictsFromApi(calendar));
        }
        int topicTotal = onTopic.values().stream().mapToInt(Integer::intValue).sum();
        int apiTotal = fromApi.values().stream().mapToInt(Integer::intValue).sum();
        report.line("planted conflicts", "%,d expected; %,d open on the topic (%s); %,d open from GET /conflicts%s"
                .formatted(expected.conflicts(), topicTotal,
                        complete.map(took -> "all there %.1f s after the last rule".formatted(took.toMillis() / 1000.0))
                                .orElse("never as many as expected"),
                        apiTotal, conflicts.undecodable() > 0 ? "; %d records on the topic were not JSON".formatted(conflicts.undecodable()) : ""));
        planted.forEach(calendar -> report.line("  " + calendar, "expected %d, topic %d, API %d".formatted(
                expected.byCalendar().getOrDefault(calendar, 0), onTopic.getOrDefault(calendar, 0), fromApi.get(calendar))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("expected", expected.conflicts());
        json.put("open_on_topic", topicTotal);
        json.put("open_from_api", apiTotal);
        json.put("complete_after_last_rule_s", complete.map(Report::seconds).orElse(null));
        json.put("expected_by_calendar", expected.byCalendar());
        json.put("topic_by_calendar", new TreeMap<>(onTopic));
        json.put("api_by_calendar", fromApi);
        json.put("nearest_edge_h", Math.round(expected.nearestEdge().toMinutes() / 6.0) / 10.0);
        report.put("planted_conflicts", json);
    }

    /** Open conflicts on {@code calendar}, read page by page; -1 when a page did not answer. */
    private int openConflictsFromApi(String calendar) {
        int open = 0;
        String cursor = null;
        do {
            Api.Answer answer = api.get("/conflicts?calendar_id=" + calendar + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            if (answer.status() != 200) {
                return -1;
            }
            JsonNode page;
            try {
                page = JSON.readTree(answer.body());
            } catch (JacksonException undecodable) {
                return -1;
            }
            for (JsonNode conflict : page.path("conflicts")) {
                if (OPEN.contains(conflict.path("status").asString())) {
                    open++;
                }
            }
            JsonNode next = page.get("next_cursor");
            cursor = next == null || next.isNull() ? null : URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
        } while (cursor != null);
        return open;
    }

    private void memory(String key, String label) {
        Optional<ProcessHandle> launcher = stack != null ? Optional.of(stack.handle()) : StackMemory.runningLauncher();
        if (launcher.isEmpty()) {
            report.line(label, "n/a: no local stack's launcher on this machine");
            report.put(key, null);
            return;
        }
        Map<String, StackMemory.Usage> usage = StackMemory.read(launcher.get(),
                stack != null ? StackMemory.postmasterOf(stack.home()) : StackMemory.postmasterOnLocalPort());
        StackMemory.Usage total = usage.values().stream().reduce(new StackMemory.Usage(0, 0, 0), StackMemory.Usage::plus);
        report.line(label, "VmRSS %,d MiB in all (Pss %,d MiB): %s".formatted(total.rssMib(), total.pssMib(),
                usage.entrySet().stream().map(entry -> "%s %,d%s".formatted(entry.getKey(), entry.getValue().rssMib(),
                        entry.getValue().processes() > 1 ? " (" + entry.getValue().processes() + " processes)" : ""))
                        .collect(Collectors.joining(", "))));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rss_mib", total.rssMib());
        json.put("pss_mib", total.pssMib());
        Map<String, Object> byName = new LinkedHashMap<>();
        usage.forEach((name, used) -> byName.put(name, Map.of("rss_mib", used.rssMib(), "pss_mib", used.pssMib(), "processes", used.processes())));
        json.put("by_process", byName);
        report.put(key, json);
    }

    private void readYearWindow() throws InterruptedException {
        YearWindow window = new YearWindow(api, start);
        long asked = System.nanoTime();
        OptionalLong total = window.total();
        Duration first = Duration.ofNanos(System.nanoTime() - asked);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", window.path());
        json.put("total_jobs", total.isPresent() ? total.getAsLong() : null);
        json.put("first_read_ms", first.toMillis());
        if (options.windowReaders() > 0) {
            out.printf("reading the year window with %d readers for %d s ...%n", options.windowReaders(), options.windowReading().toSeconds());
            YearWindow.Reading reading = window.read(options.windowReaders(), options.windowReading());
            report.line("year window, all calendars", "p50/p99/max %s with %d readers, %.0f reads/s, %d failed; first read %d ms; total_jobs %s"
                    .formatted(reading.latencies().summary(), options.windowReaders(), reading.perSecond(), reading.failures(), first.toMillis(),
                            total.isPresent() ? "%,d".formatted(total.getAsLong()) : "unread"));
            json.put("readers", options.windowReaders());
            json.put("latency", reading.latencies().json());
            json.put("reads_per_second", Math.round(reading.perSecond()));
            json.put("failed", reading.failures());
        } else {
            report.line("year window, all calendars", "first read %d ms; total_jobs %s".formatted(first.toMillis(),
                    total.isPresent() ? "%,d".formatted(total.getAsLong()) : "unread"));
        }
        report.put("year_window", json);
    }

    /**
     * Stops the stack as Ctrl-C does, starts it on the same home, and times it until the gateway answers and until
     * every view is complete: every consumer's lag zero and the year window's total what it was before.
     */
    private void restart(ConsumerLags lags, String name, boolean withoutSnapshot) {
        LocalStackProcess running = stack;
        if (running == null) {
            return;
        }
        YearWindow window = new YearWindow(api, start);
        OptionalLong before = window.total();
        out.println("restarting the stack" + (withoutSnapshot ? ", without the read models' snapshot" : "") + " ...");
        LocalStackProcess.Stopped stopped = running.stop(STOP_PATIENCE);
        Path runDirectory = running.home().getParent();
        if (withoutSnapshot) {
            try {
                // What a stop that is not clean leaves, and what every restart did before ADR 0100: a rebuild from the topics.
                Files.deleteIfExists(running.home().resolve("mongo").resolve("read-models.snapshot"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LocalStackProcess restarted = LocalStackProcess.start(options.repository(), running.home(), options.gateway(), runDirectory.resolve("launcher.log"));
        stack = restarted;
        long restartedAt = System.nanoTime();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stop_s", Report.seconds(stopped.took()));
        json.put("stop_clean", stopped.clean());
        json.put("total_jobs_before", before.isPresent() ? before.getAsLong() : null);
        Duration gateway;
        try {
            gateway = restarted.awaitGateway(api, options.restartTimeout());
        } catch (IllegalStateException notReady) {
            report.line(name, "stopped in %.1f s%s; the gateway did NOT answer: %s".formatted(stopped.took().toMillis() / 1000.0,
                    stopped.clean() ? "" : " (not cleanly)", notReady.getMessage().lines().findFirst().orElse("")));
            report.put(name, json);
            return;
        }
        json.put("gateway_answers_s", Report.seconds(gateway));
        long deadline = restartedAt + options.restartTimeout().toNanos();
        Duration complete = null;
        OptionalLong after = OptionalLong.empty();
        int checks = 0;
        while (System.nanoTime() - deadline < 0 && restarted.alive()) {
            after = window.total();
            long checked = System.nanoTime();
            boolean lagsZero = lags.latest().filter(sample -> sample.at() - restartedAt > 0)
                    .filter(sample -> sample.allZero(ConsumerLags.counted(lags.samples()))).isPresent();
            if (lagsZero && before.isPresent() && after.equals(before)) {
                complete = Duration.ofNanos(checked - restartedAt);
                break;
            }
            if (++checks % PROGRESS_EVERY.toSeconds() == 0) {
                out.printf("[%5d s after the restart] year total %s of %s; lags zero: %s%n", Duration.ofNanos(checked - restartedAt).toSeconds(),
                        after.isPresent() ? "%,d".formatted(after.getAsLong()) : "unread",
                        before.isPresent() ? "%,d".formatted(before.getAsLong()) : "unread", lagsZero);
            }
            LockSupport.parkNanos(1_000_000_000L);
        }
        json.put("every_view_complete_s", complete == null ? null : Report.seconds(complete));
        json.put("total_jobs_after", after.isPresent() ? after.getAsLong() : null);
        report.line(name, "stopped in %.1f s%s; gateway answered %.1f s after the start; every view complete %s"
                .formatted(stopped.took().toMillis() / 1000.0, stopped.clean() ? "" : " (NOT cleanly: killed)", gateway.toMillis() / 1000.0,
                        complete != null ? "%.1f s after the start (lags zero, year total %,d as before)".formatted(complete.toMillis() / 1000.0,
                                before.getAsLong())
                                : "NOT within %d s (year total %s, before %s)".formatted(options.restartTimeout().toSeconds(),
                                after.isPresent() ? "%,d".formatted(after.getAsLong()) : "unread",
                                before.isPresent() ? "%,d".formatted(before.getAsLong()) : "unread")));
        report.put(name, json);
    }

    private void stopAtEnd() {
        LocalStackProcess running = stack;
        if (running == null) {
            return;
        }
        if (options.keepStack()) {
            out.printf("the stack keeps running (launcher pid %d, home %s)%n", running.handle().pid(), running.home());
        } else {
            out.println("stopping the stack ...");
            LocalStackProcess.Stopped stopped = running.stop(STOP_PATIENCE);
            if (stopped.clean()) {
                delete(running.home());
            } else {
                out.printf("the stack did not stop cleanly; its home is left in %s%n", running.home());
            }
        }
        Thread hook = stopOnExit;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is ending already; the hook stops the stack.
            }
        }
    }

    /** Deletes the home this run created (its Kafka alone may hold gigabytes); the launcher's log beside it stays. */
    private static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> deepestFirst = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : deepestFirst) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException left) {
            // A file left behind is under target/, which the next clean removes.
        }
    }
}
