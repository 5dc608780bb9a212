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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data, created through the public API as a frontend would: three calendars in three
 * zones, five items (two of them overlapping on a calendar of capacity 1, which makes a
 * conflict) and two recurring rules. Every resource has a fixed id, so seeding again is
 * harmless: a repeat is answered 200, and an item whose demo times have moved on since the
 * first start is answered 409 and left as it is.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    public static final String BALLROOM = "demo-cal-ballroom";
    public static final String KATHMANDU = "demo-cal-kathmandu-office";
    public static final String OPS = "demo-cal-ops";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Clock clock;

    public DemoData(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** @return how many resources this call created (0 when everything already existed) */
    public int seed() {
        List<Integer> statuses = new ArrayList<>();
        statuses.add(post("/api/v1/calendars", calendar(BALLROOM, "Grand Ballroom", "venue", "America/New_York", 1, "allow")));
        statuses.add(post("/api/v1/calendars", calendar(KATHMANDU, "Kathmandu office", "staff", "Asia/Kathmandu", 2, "block")));
        statuses.add(post("/api/v1/calendars", calendar(OPS, "Operations runbooks", "master", "UTC", 10, "allow")));

        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        statuses.add(post("/api/v1/schedules", item("demo-item-quarterly-review", BALLROOM, "Quarterly review", "meeting",
                at(1, 10, 0, newYork), at(1, 11, 30, newYork), newYork, "high", "finance")));
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

        int created = (int) statuses.stream().filter(status -> status == 201).count();
        log.info("Demo data: {} created, {} already there", created, statuses.size() - created);
        return created;
    }

    private Instant at(int daysAhead, int hour, int minute, ZoneId zone) {
        return LocalDate.now(clock.withZone(zone)).plusDays(daysAhead).atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant();
    }

    private int post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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

    private static String item(String id, String calendarId, String title, String type, Instant start, Instant end,
                               ZoneId zone, String priority, String tag) {
        return """
                {"id": "%s", "calendar_id": "%s", "title": "%s", "type": "%s", "start": "%s", "end": "%s",
                 "timezone": "%s", "priority": "%s", "tags": ["%s"]}"""
                .formatted(id, calendarId, title, type, start, end, zone.getId(), priority, tag);
    }

    private static String rule(String id, String name, String cron, String zone, String jobType, String duration) {
        return """
                {"id": "%s", "name": "%s", "cron": "%s", "timezone": "%s", "queue": "%s",
                 "job_template": {"type": "%s", "payload": {}, "estimated_duration": "%s"},
                 "metadata": {"owner": "platform-team", "description": "Demo rule"}}"""
                .formatted(id, name, cron, zone, OPS, jobType, duration);
    }
}
