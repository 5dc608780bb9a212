package dev.almanac.benchmarks.changes;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.almanac.benchmarks.console.Stats;
import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.benchmarks.seedscale.Api;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.changes.ChangeFeedBench -jar benchmarks/target/bench-load.jar}: issue 72's
 * change feed on a running local stack. It schedules items through the gateway at a steady rate while one client syncs
 * {@code GET /api/v1/changes} every second and a probe syncs every 100 ms; it reports the time each sync of the first
 * took, and the time from each command's answer to the probe's first sight of its change (so up to 100 ms of the probe's
 * pace is in it), and checks that the first client was told each item once.
 */
public final class ChangeFeedBench {

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.changes.ChangeFeedBench -jar benchmarks/target/bench-load.jar
                        [--gateway URL] [--rate 500] [--seconds 60] [--calendars 12] [--settle 30]
              Creates --calendars calendars, syncs the feed to its end, then schedules --rate items a second for --seconds,
              round robin over the calendars, while a client syncs every second and a probe every 100 ms. Reports each
              sync's time (p50/p95/p99/max), the time from each command's 201 to its change in the feed, the items not
              seen within --settle seconds of the last command, and those told twice. Defaults: --gateway %s."""
            .formatted(LocalStackDefaults.GATEWAY);
    private static final Pattern ITEM_CHANGE = Pattern.compile("\\{\"kind\":\"item\",\"id\":\"(bench-feed-[0-9a-f-]+)\"");
    private static final Pattern SYNC_TOKEN = Pattern.compile("\"sync_token\":\"([^\"]+)\"");
    private static final Pattern PAGE_TOKEN = Pattern.compile("\"next_page_token\":\"([^\"]+)\"");

    private final Settings settings;
    private final Api api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Set<String> toldToClient = ConcurrentHashMap.newKeySet();
    private final AtomicInteger toldTwice = new AtomicInteger();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final List<Double> syncMillis = new CopyOnWriteArrayList<>();

    ChangeFeedBench(Settings settings) {
        this.settings = settings;
        this.api = new Api(settings.gateway());
    }

    record Settings(String gateway, int ratePerSecond, int seconds, int calendars, Duration settle) {

        static Settings parse(List<String> args) {
            CommandOptions options = CommandOptions.parse("change-feed-bench", args, Set.of("gateway", "rate", "seconds", "calendars", "settle"),
                    Set.of());
            return new Settings(options.value("gateway", LocalStackDefaults.GATEWAY), options.number("rate", 1, 500),
                    options.number("seconds", 1, 60), options.number("calendars", 1, 12), Duration.ofSeconds(options.number("settle", 1, 30)));
        }
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
        new ChangeFeedBench(settings).run(System.out);
    }

    void run(PrintStream out) throws Exception {
        List<String> calendars = IntStream.range(0, settings.calendars()).mapToObj(i -> "cal-bench-feed-" + i).toList();
        seed(calendars);
        Feed client = new Feed(false);
        Feed probe = new Feed(true);
        client.token = client.syncToEnd(null);
        probe.token = client.token;
        AtomicBoolean running = new AtomicBoolean(true);
        Thread clientThread = new Thread(() -> client.follow(running, Duration.ofSeconds(1)), "feed-client");
        Thread probeThread = new Thread(() -> probe.follow(running, Duration.ofMillis(100)), "feed-probe");
        clientThread.start();
        probeThread.start();

        Instant base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
        int items = settings.ratePerSecond() * settings.seconds();
        List<java.util.concurrent.CompletableFuture<?>> sent = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent.add(schedule(calendars.get(i % calendars.size()), base.plus(Duration.ofMinutes(15L * i))));
        }
        java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + settings.settle().toNanos();
        while (System.nanoTime() < deadline && !(seenAt.keySet().containsAll(answeredAt.keySet())
                && toldToClient.containsAll(answeredAt.keySet()))) {
            Thread.sleep(100);
        }
        running.set(false);
        clientThread.join();
        probeThread.join();

        List<Double> visible = new ArrayList<>();
        answeredAt.forEach((item, answered) -> {
            Long seen = seenAt.get(item);
            if (seen != null) {
                visible.add(Math.max(0, seen - answered) / 1e6);
            }
        });
        Set<String> unseen = new java.util.HashSet<>(answeredAt.keySet());
        unseen.removeAll(toldToClient);
        out.printf(Locale.ROOT, "Change feed: %d items scheduled in %.1f s (%.0f a second) over %d calendars, not scheduled %s, load average %.1f%n",
                answeredAt.size(), sendSeconds, answeredAt.size() / sendSeconds, settings.calendars(), refused,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("  a sync every second (all its pages): " + Stats.of(syncMillis));
        out.println("  command answered to its change in the feed (probe every 100 ms): " + Stats.of(visible));
        out.printf(Locale.ROOT, "  not told to the client within %d s: %d; told twice: %d%n", settings.settle().toSeconds(), unseen.size(),
                toldTwice.get());
    }

    /** Enough callers that none reaches the per-caller limit at 1,000 commands a second. */
    private static final int WRITERS = 64;
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private java.util.concurrent.CompletableFuture<?> schedule(String calendar, Instant start) {
        String id = "bench-feed-" + UUID.randomUUID();
        String json = """
                {"id": "%s", "calendar_id": "%s", "title": "Feed benchmark", "type": "meeting", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(id, calendar, start, start.plus(Duration.ofMinutes(10)));
        return http.sendAsync(HttpRequest.newBuilder(URI.create(settings.gateway() + "/api/v1/schedules")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        // Spread over writers: one caller may send 20 commands a second (ADR 0042), the rate is the whole stack's.
                        .header("X-Almanac-User", "feed-writer-" + Math.floorMod(writes.getAndIncrement(), WRITERS))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                    if (failure == null && response.statusCode() == 201) {
                        answeredAt.put(id, System.nanoTime());
                    } else {
                        refused.computeIfAbsent(failure == null ? "HTTP " + response.statusCode() : failure.getClass().getSimpleName(),
                                reason -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
    }

    private void seed(List<String> calendars) {
        for (String calendar : calendars) {
            Api.Answer created = api.post("/calendars", """
                    {"id": "%s", "name": "Feed benchmark", "type": "queue", "timezone": "UTC", "capacity": 10000, "overbooking_policy": "allow"}"""
                    .formatted(calendar), null);
            if (created.status() != 201 && created.status() != 200 && created.status() != 409) {
                throw new IllegalStateException("creating " + calendar + " answered " + created.status() + ": " + created.body());
            }
        }
    }

    /** A client of the feed: syncs at a pace, from its token, to the end of each sync. */
    private final class Feed {

        private final boolean probe;
        private volatile @Nullable String token;

        Feed(boolean probe) {
            this.probe = probe;
        }

        void follow(AtomicBoolean running, Duration pace) {
            while (running.get()) {
                long next = System.nanoTime() + pace.toNanos();
                try {
                    long started = System.nanoTime();
                    token = syncToEnd(token);
                    if (!probe) {
                        syncMillis.add((System.nanoTime() - started) / 1e6);
                    }
                } catch (Exception failed) {
                    System.err.println("A sync failed: " + failed);
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }

        /** Every page from {@code from} (a full sync when null) to the next sync token. */
        String syncToEnd(@Nullable String from) throws Exception {
            String query = from == null ? "" : "sync_token=" + from;
            List<String> told = new ArrayList<>();
            while (true) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(settings.gateway() + "/api/v1/changes?limit=1000&" + query))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                long now = System.nanoTime();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET /api/v1/changes answered " + response.statusCode() + ": " + response.body());
                }
                String body = response.body();
                if (from != null) {
                    Matcher change = ITEM_CHANGE.matcher(body);
                    while (change.find()) {
                        String item = change.group(1);
                        if (probe) {
                            seenAt.putIfAbsent(item, now);
                        } else {
                            told.add(item);
                        }
                    }
                }
                Matcher page = PAGE_TOKEN.matcher(body);
                if (page.find()) {
                    query = "page_token=" + page.group(1);
                    continue;
                }
                Matcher sync = SYNC_TOKEN.matcher(body);
                if (!sync.find()) {
                    throw new IllegalStateException("a last page without a sync token: " + body.substring(0, Math.min(200, body.length())));
                }
                // Counted once the sync is whole: a client whose sync failed half-way syncs again from its old token, and is
                // rightly told those changes again.
                for (String item : told) {
                    if (!toldToClient.add(item)) {
                        toldTwice.incrementAndGet();
                    }
                }
                return sync.group(1);
            }
        }
    }

}
