package dev.almanac.benchmarks.console;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import dev.almanac.benchmarks.kafka.ConsumerLags;
import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.console.ConsoleBench -jar benchmarks/target/bench-load.jar}: the
 * console's figures (PERF-CONSOLE) on a running local stack, measured in Debian's headless Chromium: the bytes of a
 * first visit, each view's load from navigation to data drawn, how soon a change made through the API shows in an open
 * view, and 1,000 live streams: what each costs query-service and the gateway, and how soon a change reaches all.
 */
public final class ConsoleBench {

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.console.ConsoleBench -jar benchmarks/target/bench-load.jar
                        [--gateway URL] [--query-service URL] [--kafka HOST:PORT] [--loads 30] [--changes 50]
                        [--streams 1000] [--settle-timeout 900] [--no-seed]
              Seeds the running stack as a busy deployment is (100 calendars, 1,240 entries in this month on one,
              100 rules every 5 minutes; once, by fixed ids), then measures in Chromium (/usr/bin/chromium through
              /usr/bin/chromedriver): a first visit's compressed JavaScript and CSS; then, twice (while the stack
              still expands the rules, and again once every consumer group's lag is zero, waiting at most
              --settle-timeout seconds; 0 skips it): --loads page loads of the month, week, day and year views
              (navigation to data drawn, p50/p95/max), --loads steps to the next or previous period in the open
              view (the click to data drawn), and --changes items scheduled through the API until each shows in an
              open week view (p50/p99); then --streams live streams of one calendar: the memory they take in
              query-service and the gateway, and when a change reaches each (p50/p99).
              --query-service: where query-service's own port answers its meters (/actuator/prometheus).
              Defaults: --gateway %s --query-service http://127.0.0.1:8082 --kafka %s --loads 30 --changes 50
              --streams 1000 --settle-timeout 900."""
            .formatted(LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA);

    private ConsoleBench() {
    }

    /** What to measure, and where. */
    record Settings(String gateway, String queryService, String kafka, int loads, int changes, int streams, Duration settleTimeout,
                    boolean seed) {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            CommandOptions options = CommandOptions.parse("console-bench", List.of(args),
                    Set.of("gateway", "query-service", "kafka", "loads", "changes", "streams", "settle-timeout"), Set.of("no-seed"));
            settings = new Settings(options.value("gateway", LocalStackDefaults.GATEWAY),
                    options.value("query-service", "http://127.0.0.1:8082"), options.value("kafka", LocalStackDefaults.KAFKA),
                    options.number("loads", 1, 30), options.number("changes", 1, 50), options.number("streams", 1, 1000),
                    Duration.ofSeconds(options.number("settle-timeout", 0, 900)), !options.flag("no-seed"));
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        run(settings, System.out);
    }

    static void run(Settings settings, PrintStream out) throws Exception {
        SeedData seed = new SeedData(settings.gateway());
        if (settings.seed()) {
            out.println("Seeding: " + seed.seed());
        }
        out.printf("Busy calendar: %s, %d entries this month in %s%n", SeedData.BUSY, seed.awaitMonth(Duration.ofMinutes(5)), SeedData.ZONE);
        try (Browser browser = Browser.open(settings.gateway())) {
            Map<String, Long> bytes = browser.firstVisitBytes(SeedData.route("week"));
            out.printf("First visit (week view, fresh profile): JavaScript %.1f KB, CSS %.1f KB compressed (%s)%n",
                    bytes.get("script") / 1024.0, bytes.get("css") / 1024.0, bytes);
            Map<String, Long> month = browser.firstVisitBytes(SeedData.route("month"));
            out.printf("First visit (month view, fresh profile): JavaScript %.1f KB, CSS %.1f KB compressed%n",
                    month.get("script") / 1024.0, month.get("css") / 1024.0);
            measureViews("while the rules expand", browser, seed, settings, out);
            if (!settings.settleTimeout().isZero()) {
                Optional<Duration> settled = settle(settings);
                out.printf("Every consumer group's lag zero %s%n",
                        settled.map(took -> "after " + took.toSeconds() + " s").orElse("not within " + settings.settleTimeout().toSeconds() + " s"));
                if (settled.isPresent()) {
                    measureViews("settled", browser, seed, settings, out);
                }
            }
        }
        new Streams(settings.gateway(), settings.queryService(), seed).measure(settings.streams(), out);
    }

    private static void measureViews(String phase, Browser browser, SeedData seed, Settings settings, PrintStream out)
            throws InterruptedException {
        out.printf("%nViews, %s (load average %s):%n", phase, loadAverage());
        for (String view : List.of("month", "week", "day", "year")) {
            List<Double> loads = new ArrayList<>();
            browser.loadView(SeedData.route(view), view);
            for (int i = 0; i < settings.loads(); i++) {
                loads.add(browser.loadView(SeedData.route(view), view));
            }
            out.printf("View load, %-5s (navigation to data drawn, %d page loads, warm cache): %s%n", view, loads.size(), Stats.of(loads));
            List<Double> steps = new ArrayList<>();
            browser.loadView(SeedData.route(view), view);
            for (int i = 0; i < settings.loads(); i++) {
                // Forward and back, so that every other step lands on the busy month again.
                steps.add(browser.stepView(view, i % 2 == 0));
            }
            out.printf("View step, %-5s (next or previous period in the open page, click to data drawn, %d steps): %s%n", view,
                    steps.size(), Stats.of(steps));
        }
        List<Double> visible = browser.changesToVisible(seed, settings.changes());
        out.printf("Change through the API to visible in an open week view (%d changes): %s%n", visible.size(), Stats.of(visible));
    }

    /** Waits until every consumer group that has members is at lag zero; answers how long that took. */
    private static Optional<Duration> settle(Settings settings) {
        long start = System.nanoTime();
        long deadline = start + settings.settleTimeout().toNanos();
        try (ConsumerLags lags = new ConsumerLags(settings.kafka())) {
            List<ConsumerLags.Sample> samples = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                samples.add(lags.read());
                Optional<Duration> zero = ConsumerLags.allZero(samples, start);
                if (zero.isPresent()) {
                    return zero;
                }
                LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            }
            return Optional.empty();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException unreadable) {
            return "unknown";
        }
    }
}
