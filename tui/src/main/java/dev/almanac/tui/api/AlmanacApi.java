package dev.almanac.tui.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * The client's one way to the public APIs, as the web console calls them: identity headers, If-Match on commands,
 * the consistency token a command answers passed on the reads after it until one answers fresh (ADR 0058), and
 * problem+json refusals turned into {@link ApiProblem}s.
 *
 * <p>On java.base's {@link HttpURLConnection}, blocking, one connection a request out, kept alive between them:
 * java.net.http's client loaded six times the classes (880 against 146 outside the JDK's class-data archive) and
 * three requests took it three times as long on a cold JVM, a selector thread and TLS set-up included
 * (docs/benchmarks.md). Every action the API offers is a POST; a method HttpURLConnection does not know (PATCH) is
 * refused here with a message, not sent.
 */
public final class AlmanacApi {

    /** The feed is read up to this many entries a window (the always-running lane folded); more is said, not shown. */
    public static final int WINDOW_LIMIT = 5000;

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final URI base;
    private final Identity identity;
    private volatile @Nullable String consistencyToken;

    public AlmanacApi(URI base, Identity identity) {
        String text = base.toString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        this.base = URI.create(text.substring(0, end) + "/");
        this.identity = identity;
    }

    public URI base() {
        return base;
    }

    public Identity identity() {
        return identity;
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

    /** The ops feed's entries of a window, and whether it was cut at {@link #WINDOW_LIMIT} with more left unread. */
    public record OpsWindow(List<OpsEvent> events, boolean cut) {
        public OpsWindow {
            events = List.copyOf(events);
        }
    }

    /**
     * The ops feed of one calendar over [start, end), page after page up to {@link #WINDOW_LIMIT} entries. The
     * always-running lane (a heartbeat's beats, a rule every few minutes: 1,440 a day for a rule a minute) is folded as
     * it is read into one entry a rule and local day, the day's first, standing for the rest with the latest run state
     * reported, so a week stays a few hundred entries in a small heap.
     */
    public OpsWindow opsEvents(String calendarId, Instant start, Instant end, ZoneId zone) {
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
        } while (cursor != null && events.size() < WINDOW_LIMIT);
        folded.forEach((key, index) -> events.set(index, events.get(index).standingFor(counts.get(key),
                latest.getOrDefault(key, events.get(index).status()))));
        return new OpsWindow(events, cursor != null);
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
        HttpURLConnection request = open(resolve(path, Map.of()), "application/json", READ_TIMEOUT_MILLIS);
        try {
            request.setRequestMethod(method);
        } catch (java.net.ProtocolException e) {
            throw new ApiProblem(0, "The action's method " + method + " cannot be sent by this client");
        }
        request.setRequestProperty("Content-Type", "application/json");
        if (ifMatch != null && ifMatch >= 0) {
            request.setRequestProperty("If-Match", "\"" + ifMatch + "\"");
        }
        byte[] json = Json.write(body).getBytes(StandardCharsets.UTF_8);
        request.setDoOutput(true);
        request.setFixedLengthStreamingMode(json.length);
        try (OutputStream out = request.getOutputStream()) {
            out.write(json);
        } catch (IOException e) {
            throw unanswered(e);
        }
        Response response = answer(request);
        if (response.consistencyToken() != null) {
            consistencyToken = response.consistencyToken();
        }
        if (response.status() >= 300) {
            throw problem(response.status(), response.body());
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
        Response response = answer(open(resolve(path, query), "application/json", READ_TIMEOUT_MILLIS));
        if (response.status() >= 300) {
            throw problem(response.status(), response.body());
        }
        if (passed != null && passed.equals(consistencyToken) && "fresh".equals(response.consistency())) {
            consistencyToken = null;
        }
        return Json.parse(response.body());
    }

    private record Response(int status, String body, @Nullable String consistencyToken, @Nullable String consistency) {
    }

    /** A request with the identity's headers, not yet sent; {@code readTimeoutMillis} 0 waits for ever (a stream). */
    HttpURLConnection open(URI uri, String accept, int readTimeoutMillis) {
        try {
            // No proxy look-up: the client talks to the gateway it is given, as java.net.http's default did.
            HttpURLConnection request = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            request.setReadTimeout(readTimeoutMillis);
            request.setUseCaches(false);
            // A redirect is answered as the status it is, as java.net.http's default client did.
            request.setInstanceFollowRedirects(false);
            request.setRequestProperty("Accept", accept);
            identity.headers().forEach(request::setRequestProperty);
            return request;
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("Almanac's address " + uri + " is not usable: " + e.getMessage(), e));
        }
    }

    /** Sends the request, reads the whole answer (so that its connection is kept for the next one) and closes it. */
    private Response answer(HttpURLConnection request) {
        try {
            int status = request.getResponseCode();
            InputStream stream = status >= 400 ? request.getErrorStream() : request.getInputStream();
            String body = "";
            if (stream != null) {
                try (InputStream in = stream) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Response(status, body, request.getHeaderField("Almanac-Consistency-Token"),
                    request.getHeaderField("Almanac-Consistency"));
        } catch (IOException e) {
            throw unanswered(e);
        }
    }

    UncheckedIOException unanswered(IOException e) {
        return new UncheckedIOException("Almanac did not answer at " + base + ": " + e.getMessage(), e);
    }

    URI resolve(String path, Map<String, String> query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> params.add(encode(name) + "=" + encode(value)));
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return base.resolve(relative + params);
    }

    /** The problem's detail, else its title, with the fields its errors name. */
    static ApiProblem problem(int status, String body) {
        String message = "HTTP " + status;
        try {
            Map<String, Object> problem = Json.object(Json.parse(body));
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
        return new ApiProblem(status, message);
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
