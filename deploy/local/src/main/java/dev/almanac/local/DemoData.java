package dev.almanac.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data, created through the public API as a frontend would: three calendars in three
 * zones, two resources (the ballroom as a venue and its projector, which is away for repair on the
 * third day), five items (two of them overlapping on a calendar of capacity 1, which makes a
 * conflict; the quarterly review books both resources), two recurring rules, and with the
 * reference executor two more on the ops calendar: an http rule it runs every minute, and a
 * heartbeat, "Executor alive", that it reports every minute itself, so that its beats go missed
 * (red in the console) while it is stopped (ADR 0073). Everything has a fixed id, so seeding
 * again is harmless: a repeat is answered 200, and an item or the heartbeat whose demo times
 * have moved on since the first start is answered 409 and left as it is.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    public static final String BALLROOM = "demo-cal-ballroom";
    public static final String KATHMANDU = "demo-cal-kathmandu-office";
    public static final String OPS = "demo-cal-ops";
    public static final String BALLROOM_VENUE = "demo-res-ballroom";
    public static final String PROJECTOR = "demo-res-projector";
    public static final String HTTP_RULE = "demo-rule-webhook";
    /** The heartbeat rule the local stack's executor reports as its own liveness, on {@link #OPS}. */
    public static final String EXECUTOR_HEARTBEAT_RULE = "demo-rule-executor-alive";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Clock clock;

    private final @Nullable String executorUrl;
    private final @Nullable String bearerToken;

    /**
     * @param executorUrl the reference executor's base URL, whose demo receiver the demo http rule calls; null for a
     *                    stack without the executor: then neither that rule nor the executor's heartbeat
     */
    public DemoData(String baseUrl, @Nullable String executorUrl, Clock clock) {
        this(baseUrl, executorUrl, clock, null);
    }

    /** @param bearerToken an admin's token, for a stack in JWT mode; null in development mode, where the default identity acts */
    public DemoData(String baseUrl, @Nullable String executorUrl, Clock clock, @Nullable String bearerToken) {
        this.baseUrl = baseUrl;
        this.executorUrl = executorUrl;
        this.clock = clock;
        this.bearerToken = bearerToken;
    }

    /** @return how many calendars, resources, items and rules this call created (0 when everything already existed) */
    public int seed() {
        List<Integer> statuses = new ArrayList<>();
        statuses.add(post("/api/v1/calendars", calendar(BALLROOM, "Grand Ballroom", "venue", "America/New_York", 1, "allow")));
        statuses.add(post("/api/v1/calendars", calendar(KATHMANDU, "Kathmandu office", "staff", "Asia/Kathmandu", 2, "block")));
        statuses.add(post("/api/v1/calendars", calendar(OPS, "Operations runbooks", "master", "UTC", 10, "allow")));

        statuses.add(post("/api/v1/resources", resource(BALLROOM_VENUE, "Grand Ballroom", "venue")));
        statuses.add(post("/api/v1/resources", resource(PROJECTOR, "Ballroom projector", "equipment")));

        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        // Not counted: a marking is not a creation. On a later start it may overlap the first one's range (409), which is harmless.
        post("/api/v1/resources/" + PROJECTOR + "/availability/mark-unavailable", """
                {"start": "%s", "end": "%s", "reason": "Sent for repair"}""".formatted(at(3, 0, 0, newYork), at(4, 0, 0, newYork)));
        statuses.add(post("/api/v1/schedules", item("demo-item-quarterly-review", BALLROOM, "Quarterly review", "meeting",
                at(1, 10, 0, newYork), at(1, 11, 30, newYork), newYork, "high", "finance", """
                [{"resource_id": "%s"}, {"resource_id": "%s", "role": "secondary"}]""".formatted(BALLROOM_VENUE, PROJECTOR))));
        statuses.add(post("/api/v1/schedules", item("demo-item-board-lunch", BALLROOM, "Board lunch", "meal",
                at(1, 11, 0, newYork), at(1, 12, 30, newYork), newYork, "normal", "board")));
        statuses.add(post("/api/v1/schedules", item("demo-item-gala-rehearsal", BALLROOM, "Gala rehearsal", "rehearsal",
                at(3, 18, 0, newYork), at(3, 21, 0, newYork), newYork, "normal", "gala")));
        statuses.add(post("/api/v1/schedules", item("demo-item-standup", KATHMANDU, "Team stand-up", "meeting",
                at(1, 9, 0, kathmandu), at(1, 9, 30, kathmandu), kathmandu, "normal", "team")));
        statuses.add(post("/api/v1/schedules", item("demo-item-planning", KATHMANDU, "Sprint planning", "meeting",
                at(2, 14, 0, kathmandu), at(2, 15, 30, kathmandu), kathmandu, "normal", "team")));

        statuses.add(post("/api/v1/schedules/rules", rule("demo-rule-nightly-cleanup", "Nightly cleanup", "30 2 * * *",
                "America/New_York", "maintenance_job", "15m")));
        statuses.add(post("/api/v1/schedules/rules", rule("demo-rule-weekly-report", "Weekly report", "0 9 * * 1",
                "Europe/London", "daily_report", "30m")));
        if (executorUrl != null) {
            // Every minute the dispatcher publishes it and the reference executor calls the demo receiver, which fails
            // one attempt in three: the views show runs succeed, fail, and succeed again on a retry (ADR 0070).
            statuses.add(post("/api/v1/schedules/rules", httpRule(executorUrl + "/demo/receiver?fail_one_in=3")));
            statuses.add(post("/api/v1/schedules/rules", executorHeartbeat(clock.instant())));
        }

        int created = (int) statuses.stream().filter(status -> status == 201).count();
        log.info("Demo data: {} created, {} already there", created, statuses.size() - created);
        return created;
    }

    private Instant at(int daysAhead, int hour, int minute, ZoneId zone) {
        return LocalDate.now(clock.withZone(zone)).plusDays(daysAhead).atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant();
    }

    private int post(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("demo data: POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("demo data: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding demo data", e);
        }
    }

    private static String calendar(String id, String name, String type, String zone, int capacity, String policy) {
        return """
                {"id": "%s", "name": "%s", "type": "%s", "timezone": "%s", "capacity": %d, "overbooking_policy": "%s"}"""
                .formatted(id, name, type, zone, capacity, policy);
    }

    private static String resource(String id, String name, String type) {
        return """
                {"id": "%s", "name": "%s", "type": "%s", "timezone": "America/New_York"}""".formatted(id, name, type);
    }

    private static String item(String id, String calendarId, String title, String type, Instant start, Instant end,
                               ZoneId zone, String priority, String tag) {
        return item(id, calendarId, title, type, start, end, zone, priority, tag, "[]");
    }

    private static String item(String id, String calendarId, String title, String type, Instant start, Instant end,
                               ZoneId zone, String priority, String tag, String resources) {
        return """
                {"id": "%s", "calendar_id": "%s", "title": "%s", "type": "%s", "start": "%s", "end": "%s",
                 "timezone": "%s", "priority": "%s", "tags": ["%s"], "resources": %s}"""
                .formatted(id, calendarId, title, type, start, end, zone.getId(), priority, tag, resources);
    }

    private static String httpRule(String url) {
        return """
                {"id": "%s", "name": "Demo webhook", "cron": "* * * * *", "timezone": "UTC", "queue": "%s",
                 "job_template": {"type": "http", "payload": {"url": "%s", "method": "POST", "body": {"demo": true}},
                                  "estimated_duration": "1m", "timeout": 20},
                 "options": {"max_concurrent": 1, "concurrency_policy": "skip", "retry_policy": "linear", "retry_limit": 2,
                             "retry_backoff": "10s"},
                 "metadata": {"owner": "platform-team", "description": "Demo rule: the reference executor calls the local stack's demo receiver"}}"""
                .formatted(HTTP_RULE, OPS, url);
    }

    /**
     * A beat a minute with 30 s of grace. The beats start two whole minutes on: the executor has reported since it
     * started, and until rule-expander knows the rule it sets those reports aside, so an earlier beat could go missed.
     */
    private static String executorHeartbeat(Instant now) {
        LocalDateTime firstBeat = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
        return """
                {"id": "%s", "name": "Executor alive", "timezone": "UTC", "queue": "%s",
                 "heartbeat": {"interval": "1m", "grace": "30s"}, "dtstart": "%s",
                 "job_template": {"type": "liveness", "payload": {}},
                 "metadata": {"owner": "platform-team", "description": "Demo heartbeat: the reference executor reports itself alive every minute; stop it and its beats go missed"}}"""
                .formatted(EXECUTOR_HEARTBEAT_RULE, OPS, firstBeat.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    }

    private static String rule(String id, String name, String cron, String zone, String jobType, String duration) {
        return """
                {"id": "%s", "name": "%s", "cron": "%s", "timezone": "%s", "queue": "%s",
                 "job_template": {"type": "%s", "payload": {}, "estimated_duration": "%s"},
                 "metadata": {"owner": "platform-team", "description": "Demo rule"}}"""
                .formatted(id, name, cron, zone, OPS, jobType, duration);
    }
}
