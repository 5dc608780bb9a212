package dev.almanac.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.local.Footprint;
import dev.almanac.local.LocalStack;
import dev.almanac.local.Service;

/**
 * How long after a schedule command's HTTP response the item is visible in the window query.
 * Starts a throw-away stack on free ports, sends the commands one after another through the
 * gateway, and after each response polls {@code GET /schedules/window} until its total
 * counts the new item. Prints the stack's start time and memory, and the percentiles.
 */
public final class VisibilityLatency {

    private static final Pattern TOTAL = Pattern.compile("\"total_jobs\":(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;

    private VisibilityLatency(String api) {
        this.api = api;
    }

    public static void run(Path repository, int commands) throws Exception {
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(repository, Files.createTempDirectory("almanac-bench-"),
                false, EmbeddedInfrastructure.Ports.anyFree(), 0, Map.of(),
                LocalStack.Options.SERVING_JAVA_OPTIONS, LocalStack.Options.LOOPBACK,
                Map.of(Service.RULE_EXPANDER, LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS)))) {
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("stack started in %.1f s, resident memory of the whole stack %d MiB%n",
                    startMillis / 1000.0, Footprint.residentMebibytes(stack.processes()));
            new VisibilityLatency(stack.gatewayUrl() + "/api/v1").measure(commands);
            System.out.printf("resident memory of the whole stack after the run %d MiB%n", Footprint.residentMebibytes(stack.processes()));
        }
    }

    private void measure(int commands) throws Exception {
        String calendar = "bench-" + UUID.randomUUID();
        post("/calendars", """
                {"id": "%s", "name": "Benchmark", "type": "master", "timezone": "UTC", "capacity": 10000, "overbooking_policy": "allow"}"""
                .formatted(calendar));
        Instant base = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        String window = "/schedules/window?from=" + base + "&till=" + base.plus(40, ChronoUnit.DAYS) + "&queue=" + calendar;

        warmUp(calendar, base.plus(39, ChronoUnit.DAYS));
        int visibleBefore = total(window);
        long[] commandMicros = new long[commands];
        long[] visibleMicros = new long[commands];
        for (int i = 0; i < commands; i++) {
            Instant start = base.plus(i * 4L, ChronoUnit.HOURS);
            long sent = System.nanoTime();
            post("/schedules", item(calendar, start));
            long answered = System.nanoTime();
            while (total(window) < visibleBefore + i + 1) {
                // Pace the polls by a millisecond so that they do not starve the consumers of CPU.
                LockSupport.parkNanos(1_000_000);
            }
            long visible = System.nanoTime();
            commandMicros[i] = (answered - sent) / 1000;
            visibleMicros[i] = (visible - answered) / 1000;
        }
        report("schedule command, HTTP round trip", commandMicros);
        report("command response -> visible in window query", visibleMicros);
    }

    private void warmUp(String calendar, Instant start) throws Exception {
        for (int i = 0; i < 20; i++) {
            post("/schedules", item(calendar, start.plus(i, ChronoUnit.MINUTES).plus(Duration.ofSeconds(i))));
        }
    }

    private static String item(String calendar, Instant start) {
        return """
                {"calendar_id": "%s", "title": "Benchmark item", "type": "job", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(calendar, start, start.plus(Duration.ofMinutes(30)));
    }

    private static void report(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("%s over %d commands: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.length,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private int total(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = TOTAL.matcher(response.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
