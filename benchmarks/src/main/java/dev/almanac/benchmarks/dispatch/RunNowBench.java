package dev.almanac.benchmarks.dispatch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.almanac.benchmarks.console.Stats;
import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.benchmarks.seedscale.Api;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.dispatch.RunNowBench -jar benchmarks/target/bench-load.jar}: issue
 * 70's "run now to dispatched" on a running local stack. It creates (once, by fixed ids) rules that run daily at
 * 03:17 UTC, then asks them to run now through the gateway at a steady rate, and times each from the request being
 * sent to its {@code OccurrenceDue} (trigger {@code run_now}) being readable by a {@code read_committed} consumer of
 * {@code almanac.dispatch.v1}, as an executor reads it.
 */
public final class RunNowBench {

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.dispatch.RunNowBench -jar benchmarks/target/bench-load.jar
                        [--gateway URL] [--kafka HOST:PORT] [--rules 100] [--runs 600] [--rate 10] [--settle 30]
              Creates --rules rules on calendar %s (once), then sends --runs POST .../rules/{id}/run-now at --rate a
              second, round robin over the rules, and reports: the command's answer (p50/p99), run now to dispatched
              (request sent to the OccurrenceDue readable, p50/p95/p99/max), and every run not read within --settle
              seconds, read twice, skipped or refused.
              Defaults: --gateway %s --kafka %s."""
            .formatted(RunNowBench.CALENDAR, LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA);
    static final String CALENDAR = "cal-bench-run-now";
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\"\\s*:\\s*\"([^\"]+)\"");

    private final Settings settings;
    private final Api api;
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    RunNowBench(Settings settings) {
        this.settings = settings;
        this.api = new Api(settings.gateway());
    }

    /** What to measure, and where. */
    record Settings(String gateway, String kafka, int rules, int runs, int ratePerSecond, Duration settle) {

        static Settings parse(List<String> args) {
            CommandOptions options = CommandOptions.parse("run-now-bench", args, Set.of("gateway", "kafka", "rules", "runs", "rate", "settle"),
                    Set.of());
            return new Settings(options.value("gateway", LocalStackDefaults.GATEWAY), options.value("kafka", LocalStackDefaults.KAFKA),
                    options.number("rules", 1, 100), options.number("runs", 1, 600), options.number("rate", 1, 10),
                    Duration.ofSeconds(options.number("settle", 1, 30)));
        }
    }

    /** One run asked for: when its request was sent and answered ({@code System.nanoTime()}), and what came back. */
    record Asked(long sentAt, long answeredAt, int status, String runId) {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        new RunNowBench(settings).run(System.out);
    }

    void run(PrintStream out) throws Exception {
        seed(out);
        ConcurrentLinkedQueue<Asked> asked = new ConcurrentLinkedQueue<>();
        try (DispatchTopic topic = new DispatchTopic(settings.kafka())) {
            ScheduledExecutorService clients = Executors.newScheduledThreadPool(8);
            long interval = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
            for (int i = 0; i < settings.runs(); i++) {
                String ruleId = ruleId(i % settings.rules());
                clients.schedule(() -> asked.add(runNow(ruleId)), interval * i, TimeUnit.NANOSECONDS);
            }
            clients.shutdown();
            clients.awaitTermination(settings.runs() / settings.ratePerSecond() + 120L, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + settings.settle().toNanos();
            while (System.nanoTime() < deadline && asked.stream().anyMatch(one -> one.status() == 202 && topic.firstReadAt(one.runId()) == null)) {
                Thread.sleep(100);
            }
            report(List.copyOf(asked), topic, out);
        }
    }

    private void report(List<Asked> asked, DispatchTopic topic, PrintStream out) {
        List<Double> answers = new ArrayList<>();
        List<Double> dispatched = new ArrayList<>();
        List<Double> published = new ArrayList<>();
        List<Double> dispatcherShare = new ArrayList<>();
        Map<Integer, Integer> refused = new TreeMap<>();
        int unread = 0;
        int doubled = 0;
        int skipped = 0;
        for (Asked one : asked) {
            answers.add((one.answeredAt() - one.sentAt()) / 1e6);
            if (one.status() != 202) {
                refused.merge(one.status(), 1, Integer::sum);
                continue;
            }
            Long readAt = topic.firstReadAt(one.runId());
            if (topic.skipReason(one.runId()) != null) {
                skipped++;
            } else if (readAt == null) {
                unread++;
            } else {
                dispatched.add((readAt - one.sentAt()) / 1e6);
                Long requestedAt = topic.requestReadAt(one.runId());
                if (requestedAt != null) {
                    published.add((requestedAt - one.sentAt()) / 1e6);
                    dispatcherShare.add((readAt - requestedAt) / 1e6);
                }
                doubled += topic.reads(one.runId()) > 1 ? 1 : 0;
            }
        }
        out.printf(Locale.ROOT, "Run now, %d requests at %d a second over %d rules%n", asked.size(), settings.ratePerSecond(), settings.rules());
        out.println("  command answered (202): " + Stats.of(answers));
        out.println("  run now to dispatched (request sent to OccurrenceDue readable, read_committed): " + Stats.of(dispatched));
        out.println("    of which request sent to RuleRunRequested readable on almanac.rules.v1: " + Stats.of(published));
        out.println("    and that to OccurrenceDue readable (the dispatcher's share): " + Stats.of(dispatcherShare));
        out.printf(Locale.ROOT, "  refused (by status; 0: no answer) %s, skipped %d, not read within %d s %d, read more than once %d%n",
                refused, skipped,
                settings.settle().toSeconds(), unread, doubled);
    }

    private Asked runNow(String ruleId) {
        long sent = System.nanoTime();
        Api.Answer response = api.post("/schedules/rules/" + ruleId + "/run-now", "{\"reason\": \"run-now benchmark\"}", null);
        long answered = System.nanoTime();
        if (response.status() != 202 && firstRefusal.compareAndSet(null, response.status() + " " + response.body())) {
            System.err.println("First refusal: " + firstRefusal.get());
        }
        Matcher runId = RUN_ID.matcher(response.body());
        return new Asked(sent, answered, response.status(), runId.find() ? runId.group(1) : "");
    }

    /** The calendar and the rules, by fixed ids: a second run finds them there (409) and goes on. */
    private void seed(PrintStream out) throws InterruptedException {
        expectCreated(api.post("/calendars", """
                {"id": "%s", "name": "Run-now benchmark", "type": "queue", "timezone": "UTC", "capacity": 1000, "overbooking_policy": "allow"}"""
                .formatted(CALENDAR), null), "calendar " + CALENDAR);
        for (int i = 0; i < settings.rules(); i++) {
            // A user owns at most 50 rules (max_rules_per_user): 40 each, by owners of their own.
            expectCreated(postPaced("/schedules/rules", "bench-run-now-owner-" + i / 40, """
                    {"id": "%s", "name": "Run-now benchmark %d", "cron": "17 3 * * *", "timezone": "UTC", "queue": "%s", "job_template": {"type": "job"}}"""
                    .formatted(ruleId(i), i, CALENDAR)), "rule " + ruleId(i));
        }
        out.printf("Seeded calendar %s and %d rules (daily at 03:17 UTC, so the series stays out of the way)%n", CALENDAR, settings.rules());
    }

    static String ruleId(int index) {
        return "rule-bench-run-now-" + index;
    }

    /** Created now, or by an earlier run (409, the id taken); any other answer stops the benchmark. */
    private static void expectCreated(Api.Answer response, String what) {
        boolean taken = response.status() == 409 && !response.body().contains("max_rules_per_user");
        if (response.status() != 201 && response.status() != 200 && !taken) {
            throw new IllegalStateException("creating " + what + " answered " + response.status() + ": " + response.body());
        }
    }

    /** As {@link Api#post}, sent again after its Retry-After while the caller's rate limit (20 commands a second) refuses it. */
    private Api.Answer postPaced(String path, String user, String json) throws InterruptedException {
        Api.Answer response = api.post(path, json, user);
        while (response.status() == 429) {
            Thread.sleep(response.retryAfter().toMillis());
            response = api.post(path, json, user);
        }
        return response;
    }
}
