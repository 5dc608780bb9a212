package dev.almanac.benchmarks.seedscale;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

/**
 * The stack's API through its gateway, as a client sends it: JSON commands, as the admin of the development identity
 * or as the user an {@code X-Almanac-User} header names (ADR 0027), and reads that accept gzip as a browser does.
 * Blocking calls: the benchmark's threads are its clients.
 */
public final class Api {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final String api;

    public Api(String gateway) {
        this.api = gateway + "/api/v1";
    }

    /**
     * An answer: {@code status} 0 when none came (refused, reset, timed out); {@code retryAfter} from a 429's header;
     * {@code tag} the ETag.
     */
    public record Answer(int status, String body, @Nullable String tag, Duration retryAfter) {

        boolean created() {
            return status == 200 || status == 201;
        }
    }

    /** {@code POST /api/v1{path}} as {@code user}, or as the development identity's admin when null. */
    public Answer post(String path, String json, @Nullable String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("X-Almanac-User", user);
        }
        return send(request.build());
    }

    /** {@code GET /api/v1{pathAndQuery}}, gzip accepted, with {@code tag} as If-None-Match when given. */
    Answer get(String pathAndQuery, @Nullable String tag) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(ANSWER_TIMEOUT)
                .header("Accept-Encoding", "gzip").GET();
        if (tag != null) {
            request.header("If-None-Match", tag);
        }
        return send(request.build());
    }

    Answer get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    /** Whether the gateway answers a read with 200 within a second: it routes only once every service is ready. */
    boolean answers() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(api + "/calendar/config"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void createCalendar(SeedPlan.CalendarSpec calendar) {
        Answer answer = post("/calendars", """
                {"id": "%s", "name": "Seed scale %s", "type": "queue", "timezone": "%s", "capacity": %d, "overbooking_policy": "allow"}"""
                .formatted(calendar.id(), calendar.id(), calendar.zone().getId(), calendar.capacity()), null);
        if (!answer.created()) {
            throw new IllegalStateException("creating calendar " + calendar.id() + " answered " + answer.status() + ": " + answer.body());
        }
    }

    Answer createRule(SeedPlan.RuleSpec rule) {
        return post("/schedules/rules", """
                {"id": "%s", "name": "Seed scale %s", "cron": "%s", "timezone": "%s", "queue": "%s", "job_template": {"type": "job", "estimated_duration": "%dm"}}"""
                .formatted(rule.id(), rule.id(), rule.cron(), rule.zone().getId(), rule.calendar(), rule.duration().toMinutes()),
                rule.owner());
    }

    Answer createItem(String id, String calendar, Instant start, Duration length) {
        return post("/schedules", """
                {"id": "%s", "calendar_id": "%s", "title": "Seed scale %s", "type": "job", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(id, calendar, id, start, start.plus(length)), null);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            boolean gzipped = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
            String body = new String(gzipped ? gunzip(response.body()) : response.body(), StandardCharsets.UTF_8);
            Duration retryAfter = response.headers().firstValue("Retry-After").map(Api::seconds).orElse(Duration.ofSeconds(1));
            return new Answer(response.statusCode(), body, response.headers().firstValue("ETag").orElse(null), retryAfter);
        } catch (IOException failed) {
            return new Answer(0, failed.toString(), null, Duration.ofSeconds(1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", null, Duration.ZERO);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException date) {
            return Duration.ofSeconds(1);
        }
    }

    private static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException corrupt) {
            throw new UncheckedIOException(corrupt);
        }
    }
}
