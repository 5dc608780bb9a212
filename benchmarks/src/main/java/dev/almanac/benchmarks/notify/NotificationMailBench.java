package dev.almanac.benchmarks.notify;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.almanac.benchmarks.console.Stats;
import dev.almanac.benchmarks.load.LocalStackDefaults;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.notify.NotificationMailBench -jar benchmarks/target/bench-load.jar}:
 * issue 71's "fact to e-mail accepted by the local SMTP server" on a running local stack ({@code ./run-local}). A user
 * with an e-mail address in their preferences double-books a calendar of capacity 1 at a steady rate; each double
 * booking is a {@code ConflictDetected}, which the notifier tells the user who scheduled the items, and the deliverer
 * e-mails. Each is timed from the second item's command answered to its e-mail being in the mailbox
 * ({@code /local/mailbox}, polled every 50 ms): the fact's own detection (conflict-detector) is inside the figure, so it
 * bounds fact to e-mail from above.
 */
public final class NotificationMailBench {

    static final String USAGE = """
            usage: java -Dloader.main=dev.almanac.benchmarks.notify.NotificationMailBench -jar benchmarks/target/bench-load.jar
                        [--gateway URL] [--conflicts 60] [--rate 1] [--settle 30]
              Sets the preferences of a user of its own (e-mail), then makes --conflicts double bookings at --rate a second,
              each on a calendar of its own, and reports command answered to e-mail in the local mailbox (p50/p95/p99/max),
              the e-mails not seen within --settle seconds, and any seen twice. Defaults: --gateway %s."""
            .formatted(LocalStackDefaults.GATEWAY);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CALENDAR = Pattern.compile("/api/v1/calendars/(cal-bench-mail-[A-Za-z0-9-]+)");

    private final String gateway;
    private final int conflicts;
    private final int rate;
    private final Duration settle;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String user = "bench-mail-" + run;
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> mailedAt = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> messagesOf = new ConcurrentHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    NotificationMailBench(String gateway, int conflicts, int rate, Duration settle) {
        this.gateway = gateway;
        this.conflicts = conflicts;
        this.rate = rate;
        this.settle = settle;
    }

    public static void main(String[] args) throws Exception {
        CommandOptions options;
        try {
            options = CommandOptions.parse("notification-mail-bench", List.of(args), Set.of("gateway", "conflicts", "rate", "settle"), Set.of());
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        new NotificationMailBench(options.value("gateway", LocalStackDefaults.GATEWAY), options.number("conflicts", 1, 60),
                options.number("rate", 1, 1), Duration.ofSeconds(options.number("settle", 1, 30))).run(System.out);
    }

    void run(PrintStream out) throws Exception {
        int status = send("PUT", "/api/v1/notification-preferences", "{\"zone\": \"UTC\", \"email\": \"" + user + "@example.com\"}").statusCode();
        if (status != 200) {
            throw new IllegalStateException("setting the preferences answered " + status);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (send("GET", "/api/v1/notification-preferences", null).statusCode() != 200 && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(this::pollMailbox, 0, 50, TimeUnit.MILLISECONDS);
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(4);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Instant start = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < conflicts; i++) {
            int index = i;
            clients.schedule(() -> doubleBook(index, start.plus(index, ChronoUnit.HOURS)), interval * i, TimeUnit.NANOSECONDS);
        }
        clients.shutdown();
        clients.awaitTermination(conflicts / rate + 120L, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline && !mailedAt.keySet().containsAll(answeredAt.keySet())) {
            Thread.sleep(100);
        }
        poller.shutdownNow();
        report(out);
    }

    private void doubleBook(int index, Instant start) {
        String calendar = "cal-bench-mail-" + run + "-" + index;
        try {
            expect(send("POST", "/api/v1/calendars", """
                    {"id": "%s", "name": "Mail benchmark %d", "type": "venue", "timezone": "UTC", "capacity": 1, "overbooking_policy": "allow"}"""
                    .formatted(calendar, index)), 201, calendar);
            expect(send("POST", "/api/v1/schedules", item(calendar, "first", start, start.plus(1, ChronoUnit.HOURS))), 201, calendar);
            HttpResponse<String> second = send("POST", "/api/v1/schedules",
                    item(calendar, "second", start.plus(30, ChronoUnit.MINUTES), start.plus(90, ChronoUnit.MINUTES)));
            long answered = System.nanoTime();
            expect(second, 201, calendar);
            answeredAt.put(calendar, answered);
        } catch (RuntimeException failure) {
            synchronized (refusals) {
                refusals.add(calendar + ": " + failure.getMessage());
            }
        }
    }

    private static String item(String calendar, String title, Instant from, Instant till) {
        return """
                {"id": "item-%s", "calendar_id": "%s", "title": "%s", "type": "meeting", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(UUID.randomUUID(), calendar, title, from, till);
    }

    private void pollMailbox() {
        try {
            long now = System.nanoTime();
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/local/mailbox")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // One message per "message_id"; the calendar its links name.
            for (String message : page.split("\\{\"message_id\"")) {
                Matcher calendar = CALENDAR.matcher(message);
                Matcher id = Pattern.compile("^:\"([^\"]+)\"").matcher(message);
                if (calendar.find() && id.find() && calendar.group(1).startsWith("cal-bench-mail-" + run)) {
                    mailedAt.putIfAbsent(calendar.group(1), now);
                    messagesOf.computeIfAbsent(calendar.group(1), key -> ConcurrentHashMap.newKeySet()).add(id.group(1));
                }
            }
        } catch (Exception e) {
            System.err.println("Mailbox not read: " + e.getMessage());
        }
    }

    private void report(PrintStream out) {
        List<Double> latencies = new ArrayList<>();
        Set<String> missing = new HashSet<>();
        answeredAt.forEach((calendar, answered) -> {
            Long mailed = mailedAt.get(calendar);
            if (mailed == null) {
                missing.add(calendar);
            } else {
                latencies.add((mailed - answered) / 1e6);
            }
        });
        long twice = messagesOf.values().stream().filter(ids -> ids.size() > 1).count();
        out.printf(Locale.ROOT, "Double bookings to e-mail: %d at %d a second (user %s)%n", answeredAt.size(), rate, user);
        out.println("  command answered to e-mail in the local mailbox: " + Stats.of(latencies));
        out.printf(Locale.ROOT, "  not mailed within %d s: %d; mailed more than once: %d; refused: %d%n", settle.toSeconds(), missing.size(),
                twice, refusals.size());
        refusals.stream().limit(3).forEach(refusal -> out.println("    " + refusal));
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("X-Almanac-User", user);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
