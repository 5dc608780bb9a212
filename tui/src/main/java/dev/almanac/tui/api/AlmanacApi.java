package dev.almanac.tui.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's one way to the public APIs, as the web console calls them: identity headers, If-Match on commands,
 * the consistency token a command answers passed on the reads after it until one answers fresh (ADR 0058), and
 * problem+json refusals turned into {@link ApiProblem}s.
 */
public final class AlmanacApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final Identity identity;
    private final HttpClient http;
    private volatile @Nullable String consistencyToken;

    public AlmanacApi(URI base, Identity identity) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.identity = identity;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        JsonNode body = read("api/v1/calendar/config", Map.of());
        JsonNode settings = body.path("view_settings");
        Map<String, String> colors = new LinkedHashMap<>();
        settings.path("density_colors").properties().forEach(entry -> colors.put(entry.getKey(), entry.getValue().asString("")));
        List<String> zones = new ArrayList<>();
        body.path("supported_timezones").values().forEach(zone -> zones.add(zone.asString("")));
        return new CalendarConfig(body.path("default_timezone").asString("UTC"), zones, settings.path("week_start").asString("monday"),
                settings.path("time_format").asString("24h"), colors);
    }

    public List<CalendarInfo> calendars() {
        JsonNode body = read("api/v1/calendars", Map.of("limit", "1000"));
        JsonNode list = body.has("calendars") ? body.get("calendars") : body.has("items") ? body.get("items") : body;
        List<CalendarInfo> calendars = new ArrayList<>();
        for (JsonNode calendar : list.values()) {
            if (calendar.path("active").asBoolean(true)) {
                String id = calendar.path("id").asString("");
                calendars.add(new CalendarInfo(id, calendar.path("name").asString(id), calendar.path("timezone").asString("UTC")));
            }
        }
        return calendars;
    }

    /** The calendar's month of {@code date} in {@code zone}, days only (entries=false): counts, badges and density. */
    public List<MonthDay> month(String calendarId, LocalDate date, ZoneId zone) {
        JsonNode body = read("api/v1/calendars/" + segment(calendarId) + "/monthly",
                Map.of("date", date.toString(), "timezone", zone.getId(), "entries", "false"));
        List<MonthDay> days = new ArrayList<>();
        for (JsonNode day : body.path("days").values()) {
            Map<String, Long> types = new LinkedHashMap<>();
            day.path("job_types").properties().forEach(entry -> types.put(entry.getKey(), entry.getValue().asLong(0)));
            JsonNode level = day.path("density_level");
            days.add(new MonthDay(LocalDate.parse(day.path("date").asString()), day.path("job_count").asLong(0), types,
                    day.path("conflict_ids").size(), day.path("density_score").asDouble(0),
                    level.isMissingNode() || level.isNull() ? null : level.asString()));
        }
        return days;
    }

    /** The ops feed of one calendar over [start, end), every page of it. */
    public List<OpsEvent> opsEvents(String calendarId, Instant start, Instant end, ZoneId zone) {
        List<OpsEvent> events = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("start", start.toString());
            params.put("end", end.toString());
            params.put("timezone", zone.getId());
            params.put("calendar_id", calendarId);
            params.put("limit", "1000");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = read("api/v1/ops/calendar/events", params);
            page.path("events").values().forEach(event -> events.add(opsEvent(event)));
            JsonNode next = page.path("next_cursor");
            cursor = next.isMissingNode() || next.isNull() || next.asString("").isEmpty() ? null : next.asString();
        } while (cursor != null && events.size() < 5000);
        return events;
    }

    static OpsEvent opsEvent(JsonNode event) {
        List<Action> actions = new ArrayList<>();
        for (JsonNode action : event.path("actions").values()) {
            Map<String, String> body = new LinkedHashMap<>();
            action.path("body").properties().forEach(entry -> body.put(entry.getKey(), entry.getValue().asString("")));
            actions.add(new Action(action.path("name").asString(""), action.path("method").asString("POST"),
                    action.path("path").asString(""), body));
        }
        return new OpsEvent(event.path("event_id").asString(""), event.path("source").asString(""),
                event.path("source_ref").asString(""), event.path("calendar_id").asString(""), event.path("title").asString(""),
                event.path("status").asString("scheduled"), event.path("category").asString("normal"),
                Instant.parse(event.path("scheduled_at_utc").asString()), event.path("duration_hint_seconds").asLong(0),
                event.path("version").asLong(-1), actions);
    }

    /**
     * Sends a command as an action names it: {@code method} on {@code path} (absolute from the host, as the API gives
     * it), the JSON {@code body}, If-Match when {@code ifMatch} is not null. Keeps the answer's consistency token.
     */
    public void command(String method, String path, Map<String, String> body, @Nullable Long ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path, Map.of())).timeout(TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
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

    JsonNode read(String path, Map<String, String> params) {
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
        return JSON.readTree(response.body());
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
            JsonNode problem = JSON.readTree(response.body());
            message = problem.path("detail").asString(problem.path("title").asString(message));
            StringJoiner fields = new StringJoiner("; ");
            for (JsonNode error : problem.path("errors").values()) {
                String field = error.path("field").asString("");
                String text = error.path("message").asString(error.path("detail").asString(""));
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
