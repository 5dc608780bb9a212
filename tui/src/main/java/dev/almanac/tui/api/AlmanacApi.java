package dev.almanac.tui.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

/**
 * The client's one way to the public APIs, as the web console calls them: identity headers, If-Match on commands,
 * the consistency token a command answers passed on the reads after it until one answers fresh (ADR 0058), and
 * problem+json refusals turned into {@link ApiProblem}s.
 */
public final class AlmanacApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final Identity identity;
    private final HttpClient http;
    private volatile @Nullable String consistencyToken;

    public AlmanacApi(URI base, Identity identity) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.identity = identity;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if ("http".equalsIgnoreCase(this.base.getScheme())) {
            // Plain HTTP needs no TLS: without this the client loads the default SSLContext and every CA certificate
            // of the JDK at start, measured at a fifth of the start-up and several MB resident (docs/benchmarks.md).
            http.sslContext(unusedTls()).sslParameters(new SSLParameters());
        }
        this.http = http.build();
    }

    private static SSLContext unusedTls() {
        try {
            return SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }

    public Identity identity() {
        return identity;
    }

    HttpClient http() {
        return http;
    }

    public CalendarConfig config() {
        Map<String, Object> body = Json.object(read("api/v1/calendar/config", Map.of()));
        Map<String, Object> settings = Json.object(body.get("view_settings"));
        Map<String, String> colors = new LinkedHashMap<>();
        Json.object(settings.get("density_colors")).forEach((level, color) -> colors.put(level, Json.string(color, "")));
        List<String> zones = Json.array(body.get("supported_timezones")).stream().map(zone -> Json.string(zone, "")).toList();
        return new CalendarConfig(Json.string(body.get("default_timezone"), "UTC"), zones,
                Json.string(settings.get("week_start"), "monday"), Json.string(settings.get("time_format"), "24h"), colors);
    }

    public List<CalendarInfo> calendars() {
        Object body = read("api/v1/calendars", Map.of("limit", "1000"));
        Map<String, Object> page = Json.object(body);
        Object list = page.containsKey("calendars") ? page.get("calendars") : page.containsKey("items") ? page.get("items") : body;
        List<CalendarInfo> calendars = new ArrayList<>();
        for (Object each : Json.array(list)) {
            Map<String, Object> calendar = Json.object(each);
            if (Json.bool(calendar.get("active"), true)) {
                String id = Json.string(calendar.get("id"), "");
                calendars.add(new CalendarInfo(id, Json.string(calendar.get("name"), id), Json.string(calendar.get("timezone"), "UTC")));
            }
        }
        return calendars;
    }

    /** The calendar's month of {@code date} in {@code zone}, days only (entries=false): counts, badges and density. */
    public List<MonthDay> month(String calendarId, LocalDate date, ZoneId zone) {
        Map<String, Object> body = Json.object(read("api/v1/calendars/" + segment(calendarId) + "/monthly",
                Map.of("date", date.toString(), "timezone", zone.getId(), "entries", "false")));
        List<MonthDay> days = new ArrayList<>();
        for (Object each : Json.array(body.get("days"))) {
            Map<String, Object> day = Json.object(each);
            Map<String, Long> types = new LinkedHashMap<>();
            Json.object(day.get("job_types")).forEach((type, count) -> types.put(type, Json.number(count, 0)));
            Object level = day.get("density_level");
            days.add(new MonthDay(LocalDate.parse(Json.string(day.get("date"), "")), Json.number(day.get("job_count"), 0), types,
                    Json.array(day.get("conflict_ids")).size(), Json.decimal(day.get("density_score"), 0),
                    level == null ? null : Json.string(level, "")));
        }
        return days;
    }

    /**
     * The ops feed of one calendar over [start, end), every page of it. The always-running lane (a heartbeat's beats, a
     * rule every few minutes: 1,440 a day for a rule a minute) is folded as it is read into one entry a rule and local
     * day, the day's first, standing for the rest with the latest run state reported, so a week stays a few hundred
     * entries in a small heap.
     */
    public List<OpsEvent> opsEvents(String calendarId, Instant start, Instant end, ZoneId zone) {
        List<OpsEvent> events = new ArrayList<>();
        Map<String, Integer> folded = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> latest = new HashMap<>();
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("start", start.toString());
            params.put("end", end.toString());
            params.put("timezone", zone.getId());
            params.put("calendar_id", calendarId);
            params.put("limit", "500");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Map<String, Object> page = Json.object(read("api/v1/ops/calendar/events", params));
            for (Object each : Json.array(page.get("events"))) {
                OpsEvent event = opsEvent(Json.object(each));
                if (!event.alwaysRunning()) {
                    events.add(event);
                    continue;
                }
                String key = event.sourceRef() + "|" + event.scheduledAtUtc().atZone(zone).toLocalDate();
                counts.merge(key, 1, Integer::sum);
                if (!event.status().equals("scheduled")) {
                    latest.put(key, event.status());
                }
                folded.computeIfAbsent(key, first -> {
                    events.add(event);
                    return events.size() - 1;
                });
            }
            String next = Json.string(page.get("next_cursor"), "");
            cursor = next.isEmpty() ? null : next;
        } while (cursor != null && events.size() < 5000);
        folded.forEach((key, index) -> events.set(index, events.get(index).standingFor(counts.get(key),
                latest.getOrDefault(key, events.get(index).status()))));
        return events;
    }

    static OpsEvent opsEvent(Map<String, Object> event) {
        List<Action> actions = new ArrayList<>();
        for (Object each : Json.array(event.get("actions"))) {
            Map<String, Object> action = Json.object(each);
            Map<String, String> body = new LinkedHashMap<>();
            Json.object(action.get("body")).forEach((name, value) -> body.put(name, Json.string(value, "")));
            actions.add(new Action(Json.string(action.get("name"), ""), Json.string(action.get("method"), "POST"),
                    Json.string(action.get("path"), ""), body));
        }
        return new OpsEvent(Json.string(event.get("event_id"), ""), Json.string(event.get("source"), ""),
                Json.string(event.get("source_ref"), ""), Json.string(event.get("calendar_id"), ""), Json.string(event.get("title"), ""),
                Json.string(event.get("status"), "scheduled"), Json.string(event.get("category"), "normal"),
                Instant.parse(Json.string(event.get("scheduled_at_utc"), "")), Json.number(event.get("duration_hint_seconds"), 0),
                Json.number(event.get("version"), -1), actions, Json.string(event.get("lane"), "calendar"), 1);
    }

    /**
     * Sends a command as an action names it: {@code method} on {@code path} (absolute from the host, as the API gives
     * it), the JSON {@code body}, If-Match when {@code ifMatch} is not null. Keeps the answer's consistency token.
     */
    public void command(String method, String path, Map<String, String> body, @Nullable Long ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path, Map.of())).timeout(TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        identity.headers().forEach(request::header);
        if (ifMatch != null && ifMatch >= 0) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        HttpResponse<String> response = send(request.build());
        response.headers().firstValue("Almanac-Consistency-Token").ifPresent(token -> consistencyToken = token);
        if (response.statusCode() >= 300) {
            throw problem(response);
        }
    }

    /** LNK-UNDO: the item's last change undone by a compensating event, within five minutes of it. */
    public void undo(String itemId) {
        command("POST", "/api/v1/schedules/" + segment(itemId) + "/undo", Map.of(), null);
    }

    /** The newest command's consistency token, which the live stream and the reads pass on. */
    public @Nullable String consistencyToken() {
        return consistencyToken;
    }

    @Nullable Object read(String path, Map<String, String> params) {
        String passed = consistencyToken;
        Map<String, String> query = new LinkedHashMap<>(params);
        if (passed != null) {
            query.put("consistency_token", passed);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path, query)).timeout(TIMEOUT).header("Accept", "application/json").GET();
        identity.headers().forEach(request::header);
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() >= 300) {
            throw problem(response);
        }
        if (passed != null && passed.equals(consistencyToken)
                && "fresh".equals(response.headers().firstValue("Almanac-Consistency").orElse(""))) {
            consistencyToken = null;
        }
        return Json.parse(response.body());
    }

    URI resolve(String path, Map<String, String> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> params.add(encode(name) + "=" + encode(value)));
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return base.resolve(relative + params);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Almanac did not answer at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The problem's detail, else its title, with the fields its errors name. */
    static ApiProblem problem(HttpResponse<String> response) {
        String message = "HTTP " + response.statusCode();
        try {
            Map<String, Object> problem = Json.object(Json.parse(response.body()));
            message = Json.string(problem.get("detail"), Json.string(problem.get("title"), message));
            StringJoiner fields = new StringJoiner("; ");
            for (Object each : Json.array(problem.get("errors"))) {
                Map<String, Object> error = Json.object(each);
                String field = Json.string(error.get("field"), "");
                String text = Json.string(error.get("message"), Json.string(error.get("detail"), ""));
                if (!text.isEmpty() && !message.contains(text)) {
                    fields.add(field.isEmpty() ? text : field + ": " + text);
                }
            }
            if (fields.length() > 0) {
                message += " (" + fields + ")";
            }
        } catch (RuntimeException notJson) {
            // A proxy's page or an empty body: the status says enough.
        }
        return new ApiProblem(response.statusCode(), message);
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
