package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;

/**
 * {@code POST /api/v1/schedules/rules/preview} (UI-RULE-PREVIEW) over HTTP on the real event store: a cron and an
 * RRULE's next occurrences, on Berlin's spring-forward night and in Kathmandu (+5:45); a bad body, a queue the caller
 * may not schedule on, or one that does not exist, refused with the creation's own problem; and nothing stored. Same
 * context as CommandServiceIT.
 */
@CommandServiceIntegrationTest
class RulePreviewIT {

    private static final String USER = "X-Almanac-User";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    @Autowired
    WebTestClient client;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aKathmanduCronShowsItsNextTenRunsAtQuarterPastTheUtcHourAndStoresNothing() {
        String ruleId = "rule-" + UUID.randomUUID();
        Instant before = Instant.now();
        String body = rule(ruleId, calendar(), "Asia/Kathmandu", Map.of("cron", "0 9 * * *"));

        Map<String, Object> preview = preview(body, "").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(preview).containsEntry("timezone", "Asia/Kathmandu").containsEntry("warnings", List.of());
        assertThat((String) preview.get("description")).contains("09:00");
        List<Map<String, Object>> occurrences = occurrences(preview);
        assertThat(occurrences).hasSize(10);
        LocalDate firstDay = nextNineOClock(before);
        for (int i = 0; i < 10; i++) {
            Instant start = ZonedDateTime.of(firstDay.plusDays(i), LocalTime.of(9, 0), KATHMANDU).toInstant();
            assertThat(occurrences.get(i))
                    .containsEntry("start", start.toString())
                    .containsEntry("end", start.plusSeconds(300).toString())
                    .containsEntry("dst_resolution", "exact")
                    .containsEntry("occurrence_id", OccurrenceId.of(RuleId.of(ruleId), start).value());
            assertThat(start.toString()).endsWith("T03:15:00Z");
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class,
                "rule:" + ruleId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_owner WHERE rule_id = ?", Integer.class, ruleId)).isZero();
        // The id is still free: creating the rule now is a first creation, not a repeat, and runs what the preview showed.
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody().jsonPath("$.next_run").isEqualTo(occurrences.get(0).get("start"));
    }

    @Test
    void anRruleOverBerlinsSpringForwardNightShowsTheShiftedRunAndWarnsOfIt() {
        LocalDate springForward = nextGap(BERLIN);
        LocalDateTime dtstart = springForward.minusDays(2).atTime(2, 30);
        String body = rule("rule-" + UUID.randomUUID(), calendar(), "Europe/Berlin",
                Map.of("rrule", "FREQ=DAILY;COUNT=5", "dtstart", dtstart.toString() + ":00"));

        Map<String, Object> preview = preview(body, "?count=50").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> occurrences = occurrences(preview);
        assertThat(occurrences).hasSize(5);
        for (int i = 0; i < 5; i++) {
            // gap shift_forward and overlap earlier (the default policy) are how java.time resolves a local time too.
            Instant start = ZonedDateTime.of(dtstart.plusDays(i), BERLIN).toInstant();
            assertThat(occurrences.get(i)).containsEntry("start", start.toString())
                    .containsEntry("dst_resolution", i == 2 ? "gap_shifted" : "exact");
        }
        assertThat(Instant.parse((String) occurrences.get(2).get("start")).atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(warnings(preview)).extracting(warning -> warning.get("code")).contains("dst_gap");
    }

    @Test
    void badInputIsRefusedWithTheCreationsOwnProblemNamingTheField() {
        String calendarId = calendar();
        for (Map<String, Object> schedule : List.<Map<String, Object>>of(
                Map.of("cron", "61 * * * *"),
                Map.of("cron", "0 0 30 2 *"),
                Map.of("rrule", "FREQ=FORTNIGHTLY", "dtstart", "2027-01-01T10:00:00"),
                Map.of("rrule", "FREQ=DAILY"))) {
            String body = rule("rule-" + UUID.randomUUID(), calendarId, "Europe/Berlin", schedule);
            assertSameProblem(body, HttpStatus.BAD_REQUEST);
        }
        assertSameProblem(rule("rule-" + UUID.randomUUID(), calendarId, "Mars/Olympus", Map.of("cron", "0 9 * * *")),
                HttpStatus.BAD_REQUEST);
        assertSameProblem(rule("rule-" + UUID.randomUUID(), "cal-nowhere-" + UUID.randomUUID(), "UTC", Map.of("cron", "0 9 * * *")),
                HttpStatus.UNPROCESSABLE_CONTENT);

        String fine = rule("rule-" + UUID.randomUUID(), calendarId, "UTC", Map.of("cron", "0 9 * * *"));
        for (String count : List.of("0", "51", "ten")) {
            preview(fine, "?count=" + count).expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("count")
                    .jsonPath("$.errors[0].rule").isEqualTo(count.equals("ten") ? "format" : "range");
        }
    }

    @Test
    void aViewerOfTheQueueIsRefusedAsTheirCreationWouldBe() {
        String calendarId = calendar();
        grant(calendarId, "alice", "manager", null);
        grant(calendarId, "dave", "viewer", "alice");
        String body = rule("rule-" + UUID.randomUUID(), calendarId, "UTC", Map.of("cron", "0 9 * * *"));

        EntityExchangeResult<Map> refused = assertSameProblem(body, HttpStatus.FORBIDDEN, "dave");

        assertThat(refused.getResponseBody()).containsEntry("required_role", "scheduler");
        client.post().uri("/api/v1/schedules/rules/preview").header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    private EntityExchangeResult<Map> assertSameProblem(String body, HttpStatus status) {
        return assertSameProblem(body, status, null);
    }

    /** The preview answers the problem the creation answers, field and rule included, and the creation stores nothing either. */
    private EntityExchangeResult<Map> assertSameProblem(String body, HttpStatus status, @Nullable String user) {
        EntityExchangeResult<Map> previewed = post("/api/v1/schedules/rules/preview", body, user).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult();
        Map<?, ?> created = post("/api/v1/schedules/rules", body, user).expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(previewed.getResponseBody().get("errors")).as(body).isEqualTo(created.get("errors")).isNotNull();
        return previewed;
    }

    private WebTestClient.ResponseSpec post(String path, String body, @Nullable String user) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request = request.header(USER, user);
        }
        return request.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec preview(String body, String query) {
        return client.post().uri("/api/v1/schedules/rules/preview" + query).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> occurrences(Map<String, Object> preview) {
        return (List<Map<String, Object>>) preview.get("occurrences");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> warnings(Map<String, Object> preview) {
        return (List<Map<String, Object>>) preview.get("warnings");
    }

    /** The local day of the first 09:00 in Kathmandu after {@code now}. */
    private static LocalDate nextNineOClock(Instant now) {
        ZonedDateTime local = now.atZone(KATHMANDU);
        return local.toLocalTime().isBefore(LocalTime.of(9, 0)) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    }

    /** The local day of the zone's next spring-forward gap, at least three days ahead. */
    private static LocalDate nextGap(ZoneId zone) {
        Instant cursor = Instant.now().plusSeconds(3 * 86_400);
        ZoneOffsetTransition transition;
        do {
            transition = zone.getRules().nextTransition(cursor);
            cursor = transition.getInstant();
        } while (!transition.isGap());
        return transition.getDateTimeBefore().toLocalDate();
    }

    private String rule(String id, String calendarId, String zone, Map<String, Object> schedule) {
        StringBuilder json = new StringBuilder("""
                {"id": "%s", "name": "Preview", "timezone": "%s", "queue": "%s", "job_template": {"type": "t"}"""
                .formatted(id, zone, calendarId));
        schedule.forEach((name, value) -> json.append(", \"").append(name).append("\": \"").append(value).append('"'));
        return json.append('}').toString();
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "venue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private void grant(String calendarId, String user, String role, @Nullable String by) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/calendars/{id}/grants", calendarId)
                .contentType(MediaType.APPLICATION_JSON);
        if (by != null) {
            request = request.header(USER, by);
        }
        request.bodyValue(Map.of("user_id", user, "role", role)).exchange().expectStatus().isOk();
    }
}
