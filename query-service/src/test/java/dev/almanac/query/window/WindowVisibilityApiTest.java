package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.query.support.RoleRefusals;

/**
 * A window over all calendars leaves out the calendars with grants on which the caller has no role (ADR 0060): stored
 * entries, rule occurrences, split slots, filtered windows and kept answers
 * brought up to date alike. What such a caller sees is checked against the admin's window minus the hidden calendar's
 * own window, bucket by bucket.
 */
@QueryApiTest
class WindowVisibilityApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    // A dot, which the window day keys percent-encoded: the projection of the hidden summary must name it so.
    private static final String HIDDEN = "cal.ny";
    private static final List<String> WINDOWS = List.of(
            "from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z&timezone=Asia/Kolkata&granularity=day",
            "from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z&timezone=America/New_York&granularity=week",
            // from cuts a slot, so its entries are counted one by one, stored and computed.
            "from=2026-03-05T12:07:00Z&till=2026-04-03T00:00:00Z&timezone=Asia/Kathmandu&granularity=hour",
            // till cuts the slot of the hidden nightly run (02:30 New York, jittered by up to ten minutes).
            "from=2026-06-01T00:00:00Z&till=2026-06-10T06:40:00Z&timezone=America/New_York&granularity=day",
            "from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z&timezone=UTC&granularity=day&type=job-rule-night",
            "from=2026-03-01T00:00:00Z&till=2026-04-01T00:00:00Z&timezone=UTC&granularity=day&type=review");

    private final RuleCreated everyFiveMinutes = RecurringRules.rule("rule-5m", "cal-k", "*/5 * * * *", KOLKATA, ACTIVE_FROM, 0);
    private final RuleCreated nightly = RecurringRules.rule("rule-night", HIDDEN, "30 2 * * *", NEW_YORK, ACTIVE_FROM, 600);

    @Test
    void aCallerWithoutARoleSeesTheOtherCalendarsAsIfTheHiddenOneHeldNothing() {
        givenTwoRuledCalendarsAndAnOpenOne();

        for (String window : WINDOWS) {
            JsonNode every = json(body(window, null));
            JsonNode hiddenOnly = json(body(window + "&queue=" + HIDDEN, null));
            JsonNode seen = json(body(window, "eve"));
            assertThat(hiddenOnly.get("summary").get("total_jobs").asLong()).as("%s: the hidden calendar holds entries", window).isPositive();
            assertSeenIsEveryMinusHidden(window, every, hiddenOnly, seen);
        }
    }

    @Test
    void aViewerOfTheCalendarSeesWhatAnAdminSeesUnderTheSameTag() {
        givenTwoRuledCalendarsAndAnOpenOne();
        String window = WINDOWS.get(0);

        EntityExchangeResult<String> admin = exchange(window, null);
        EntityExchangeResult<String> viewer = exchange(window, "alice");
        EntityExchangeResult<String> other = exchange(window, "eve");

        assertThat(viewer.getResponseBody()).isEqualTo(admin.getResponseBody());
        assertThat(viewer.getResponseHeaders().getETag()).isEqualTo(admin.getResponseHeaders().getETag());
        assertThat(other.getResponseBody()).isNotEqualTo(admin.getResponseBody()).doesNotContain(HIDDEN);
        assertThat(other.getResponseHeaders().getETag()).as("another body, another tag").isNotEqualTo(admin.getResponseHeaders().getETag());
        // The admin's tag names the admin's body: it must not turn eve's request into a 304.
        client.get().uri("/api/v1/schedules/window?" + window).header("X-Almanac-User", "eve")
                .header(HttpHeaders.IF_NONE_MATCH, admin.getResponseHeaders().getETag()).exchange()
                .expectStatus().isOk();
    }

    /** Kept answers are brought up to date by the days that changed: a write on the hidden calendar changes nothing seen. */
    @Test
    void aKeptWindowStaysWithoutTheHiddenCalendarAsWritesArrive() {
        givenTwoRuledCalendarsAndAnOpenOne();
        String window = WINDOWS.get(0);
        long before = totalJobs(body(window, "eve"));

        readModels.given(ReadModelFixture.item("i-hidden-2", HIDDEN, "review", Instant.parse("2026-06-10T09:00:00Z"), Duration.ofHours(1)));
        assertThat(totalJobs(body(window, "eve"))).isEqualTo(before);
        readModels.given(ReadModelFixture.item("i-open-2", "cal-open", "review", Instant.parse("2026-06-10T09:00:00Z"), Duration.ofHours(1)));
        String after = body(window, "eve");

        assertThat(totalJobs(after)).isEqualTo(before + 1);
        assertSeenIsEveryMinusHidden(window, json(body(window, null)), json(body(window + "&queue=" + HIDDEN, null)), json(after));
    }

    @Test
    void oneCalendarsWindowNeedsARoleOnIt() {
        givenTwoRuledCalendarsAndAnOpenOne();
        String window = WINDOWS.get(0) + "&queue=" + HIDDEN;

        RoleRefusals.expectHidden(client.get().uri("/api/v1/schedules/window?" + window).header("X-Almanac-User", "eve"), "queue");
        assertThat(totalJobs(body(window, "alice"))).isEqualTo(totalJobs(body(window, null))).isPositive();
        assertThat(totalJobs(body(WINDOWS.get(0) + "&queue=cal-open", "eve"))).isEqualTo(2);
    }

    private void givenTwoRuledCalendarsAndAnOpenOne() {
        readModels.given(ReadModelFixture.calendar("cal-k", KOLKATA), ReadModelFixture.calendar(HIDDEN, NEW_YORK),
                ReadModelFixture.calendar("cal-open", ZoneId.of("UTC")), everyFiveMinutes, nightly,
                new CalendarAccessGranted(CalendarId.of(HIDDEN), UserId.of("alice"), CalendarRole.VIEWER, null),
                ReadModelFixture.item("i-hidden", HIDDEN, "review", Instant.parse("2026-03-05T12:10:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("i-open", "cal-open", "review", Instant.parse("2026-03-05T12:10:00Z"), Duration.ofHours(2)),
                ReadModelFixture.item("i-open-late", "cal-open", "audit", Instant.parse("2026-03-20T23:55:00Z"), Duration.ofMinutes(30)));
        // Materialised for a few days (cal-k) and three months (the hidden nightly); the rest of the year is beyond.
        materialise(everyFiveMinutes, 0, ACTIVE_FROM, Instant.parse("2026-01-03T00:00:00Z"));
        materialise(nightly, 0, ACTIVE_FROM, Instant.parse("2026-04-01T00:00:00Z"));
    }

    /** Bucket by bucket: counts, seconds, types and queues are the admin's less the hidden calendar's own window. */
    private static void assertSeenIsEveryMinusHidden(String window, JsonNode every, JsonNode hiddenOnly, JsonNode seen) {
        assertThat(seen.get("buckets").size()).isEqualTo(every.get("buckets").size());
        for (int i = 0; i < every.get("buckets").size(); i++) {
            JsonNode all = every.get("buckets").get(i);
            JsonNode hidden = hiddenOnly.get("buckets").get(i);
            JsonNode shown = seen.get("buckets").get(i);
            String at = window + " bucket " + all.get("timestamp").asString();
            assertThat(shown.get("job_count").asLong()).as(at).isEqualTo(all.get("job_count").asLong() - hidden.get("job_count").asLong());
            assertThat(shown.get("estimated_duration").asLong()).as(at)
                    .isEqualTo(all.get("estimated_duration").asLong() - hidden.get("estimated_duration").asLong());
            assertThat(counts(shown.get("job_types"))).as(at).isEqualTo(difference(counts(all.get("job_types")), counts(hidden.get("job_types"))));
            Map<String, Long> queues = counts(all.get("queues"));
            queues.remove(HIDDEN);
            assertThat(counts(shown.get("queues"))).as(at).isEqualTo(queues);
        }
        assertThat(seen.get("summary").get("total_jobs").asLong())
                .isEqualTo(every.get("summary").get("total_jobs").asLong() - hiddenOnly.get("summary").get("total_jobs").asLong());
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new HashMap<>();
        object.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> all, Map<String, Long> hidden) {
        Map<String, Long> left = new HashMap<>(all);
        hidden.forEach((key, count) -> left.merge(key, -count, Long::sum));
        left.values().removeIf(count -> count == 0);
        return left;
    }

    private EntityExchangeResult<String> exchange(String query, String user) {
        var request = client.get().uri("/api/v1/schedules/window?" + query);
        if (user != null) {
            request = request.header("X-Almanac-User", user);
        }
        return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult();
    }

    private String body(String query, String user) {
        return exchange(query, user).getResponseBody();
    }

    private static JsonNode json(String body) {
        return new ObjectMapper().readTree(body);
    }

    private static long totalJobs(String body) {
        return json(body).get("summary").get("total_jobs").asLong();
    }
}
