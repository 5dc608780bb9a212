package dev.almanac.benchmarks.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A busy deployment, as the console's requirements size it: 100 calendars, a month of 1,240 entries on one (40 a day
 * for the 31 days of next month, which is all in the future), and 100 rules every 5 minutes on the others. Fixed ids,
 * so a second run finds them there (a repeated id answers as the first did, or 409).
 */
final class SeedData {

    static final String BUSY = "bench-console-busy";
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final int CALENDARS = 100;
    private static final int RULES = 100;
    private static final int PER_DAY = 40;
    private static final Pattern TOTAL = Pattern.compile("\"total_jobs\":(\\d+)");

    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger changes = new AtomicInteger();

    SeedData(String gateway) {
        this.api = gateway + "/api/v1";
    }

    /** The first day of next month in New York: the busy month. */
    static LocalDate month() {
        return LocalDate.now(ZONE).with(TemporalAdjusters.firstDayOfNextMonth());
    }

    static String route(String view) {
        return "#/" + view + "?cal=" + BUSY + "&tz=" + ZONE.getId().replace("/", "%2F") + "&date=" + month();
    }

    String seed() throws InterruptedException {
        long started = System.nanoTime();
        List<String> bodies = new ArrayList<>();
        post("/calendars", """
                {"id": "%s", "name": "Bench busy hall", "type": "venue", "timezone": "%s", "capacity": 50, "overbooking_policy": "allow"}"""
                .formatted(BUSY, ZONE.getId()));
        for (int i = 1; i < CALENDARS; i++) {
            bodies.add("/calendars\n" + """
                    {"id": "bench-console-%02d", "name": "Bench calendar %02d", "type": "master", "timezone": "UTC", "capacity": 100,
                     "overbooking_policy": "allow"}""".formatted(i, i));
        }
        LocalDate first = month();
        for (int day = 0; day < first.lengthOfMonth(); day++) {
            for (int slot = 0; slot < PER_DAY; slot++) {
                Instant start = first.plusDays(day).atTime(6, 0).plusMinutes(20L * slot).atZone(ZONE).toInstant();
                bodies.add("/schedules\n" + """
                        {"id": "bench-console-item-%d-%d", "calendar_id": "%s", "title": "Shift %d", "type": "%s", "start": "%s",
                         "end": "%s", "timezone": "%s", "priority": "%s"}""".formatted(day, slot, BUSY, slot, slot % 3 == 0 ? "meeting" : "shift",
                        start, start.plus(Duration.ofMinutes(15)), ZONE.getId(), slot % 10 == 0 ? "high" : "normal"));
            }
        }
        for (int i = 0; i < RULES; i++) {
            bodies.add("/schedules/rules\n" + """
                    {"id": "bench-console-rule-%02d", "name": "Every 5 minutes %02d", "cron": "*/5 * * * *", "timezone": "UTC",
                     "queue": "bench-console-%02d", "job_template": {"type": "probe", "estimated_duration": "1m"}}"""
                    .formatted(i, i, 1 + i % (CALENDARS - 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Calendars first: the items and rules name them.
            List<String> calendars = bodies.stream().filter(body -> body.startsWith("/calendars\n")).toList();
            CompletableFuture.allOf(calendars.stream().map(body -> CompletableFuture.runAsync(() -> send(body), pool))
                    .toArray(CompletableFuture[]::new)).join();
            CompletableFuture.allOf(bodies.stream().filter(body -> !calendars.contains(body))
                    .map(body -> CompletableFuture.runAsync(() -> send(body), pool)).toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        return bodies.size() + 1 + " commands in " + (System.nanoTime() - started) / 1_000_000 + " ms";
    }

    /** Waits until the busy month counts every seeded entry; answers the count. */
    long awaitMonth(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long total = 0;
        while (System.nanoTime() < deadline) {
            Matcher found = TOTAL.matcher(get("/calendars/" + BUSY + "/monthly?date=" + month() + "&timezone=" + ZONE.getId()));
            total = found.find() ? Long.parseLong(found.group(1)) : 0;
            if (total >= (long) PER_DAY * month().lengthOfMonth()) {
                return total;
            }
            Thread.sleep(1000);
        }
        return total;
    }

    /** Schedules one more item in the busy month's first week, at a minute no seeded item starts at; answers its id. */
    String scheduleChange() {
        int n = changes.incrementAndGet();
        String id = "bench-console-change-" + System.currentTimeMillis() + "-" + n;
        Instant start = month().plusDays(n % 5).atTime(6, 5).plusMinutes(20L * (n % 30)).atZone(ZONE).toInstant();
        post("/schedules", """
                {"id": "%s", "calendar_id": "%s", "title": "Change %d", "type": "meeting", "start": "%s", "end": "%s", "timezone": "%s"}"""
                .formatted(id, BUSY, n, start, start.plus(Duration.ofMinutes(15)), ZONE.getId()));
        return id;
    }

    private void send(String pathAndBody) {
        int newline = pathAndBody.indexOf('\n');
        post(pathAndBody.substring(0, newline), pathAndBody.substring(newline + 1));
    }

    void post(String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 409) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
