package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.TopicReader;

/**
 * Regression tests for the hostile-input findings: each request here was once answered 500,
 * accepted although invalid, or answered wrongly. Same context as CommandServiceIT.
 */
@CommandServiceIntegrationTest
class InputRulesIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z", "2026-12-01T24:00:00Z",
            "2026-12-01T10:00:00Z\u0000"})
    void instantsOutsideRfc3339AreRefusedInSchedulesAndReschedules(String instant) {
        String calendarId = createCalendar();
        expect(post("/api/v1/schedules", item(UUID.randomUUID().toString(), calendarId).replace(NEXT_WEEK.toString(), instant
                .replace("\u0000", "\\u0000"))), HttpStatus.BAD_REQUEST, "start", "rfc3339");
        String itemId = scheduleItem(calendarId);
        expect(post("/api/v1/schedules/" + itemId + "/reschedule", "{\"new_time\": \"" + instant.replace("\u0000", "\\u0000") + "\"}"),
                HttpStatus.BAD_REQUEST, "new_time", "rfc3339");
    }

    @Test
    void anEpochNumberIsNotAnInstant() {
        String itemId = scheduleItem(createCalendar());
        expect(post("/api/v1/schedules/" + itemId + "/reschedule", "{\"new_time\": " + NEXT_WEEK.getEpochSecond() + "}"),
                HttpStatus.BAD_REQUEST, "new_time", "rfc3339");
    }

    @Test
    void aHugeEstimatedDurationIsAProblemNotAFailure() {
        expect(post("/api/v1/schedules/rules", """
                {"name": "Long", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s",
                 "job_template": {"type": "t", "estimated_duration": "99999999999999999999h"}}""".formatted(createCalendar())),
                HttpStatus.BAD_REQUEST, "job_template.estimated_duration", "pattern");
    }

    @Test
    void anHttpJobWhoseTargetCannotWorkIsRefusedNamingTheField() {
        String calendarId = createCalendar();
        String rule = """
                {"name": "Webhook", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s",
                 "job_template": {"type": "http", "payload": %s}}""";
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"url\": \"ftp://files.example.com/drop\"}")),
                HttpStatus.BAD_REQUEST, "job_template.payload.url", "scheme");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"url\": \"not a url\"}")),
                HttpStatus.BAD_REQUEST, "job_template.payload.url", "url");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{}")), HttpStatus.BAD_REQUEST, "job_template.payload.url",
                "required");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"url\": \"https://hooks.example.com/\", \"method\": \"TRACE\"}")),
                HttpStatus.BAD_REQUEST, "job_template.payload.method", "method");
    }

    @Test
    void retryAndConcurrencyOptionsThatCannotWorkAreRefusedNamingTheField() {
        String calendarId = createCalendar();
        String rule = """
                {"name": "Options", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"},
                 "options": %s}""";
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"retry_policy\": \"linear\", \"retry_backoff\": \"0s\"}")),
                HttpStatus.BAD_REQUEST, "options.retry_backoff", "range");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"retry_policy\": \"linear\", \"retry_backoff\": \"2h\"}")),
                HttpStatus.BAD_REQUEST, "options.retry_backoff", "range");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"retry_policy\": \"linear\", \"retry_backoff\": \"-5s\"}")),
                HttpStatus.BAD_REQUEST, "options.retry_backoff", "pattern");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"retry_backoff\": \"30s\"}")),
                HttpStatus.BAD_REQUEST, "options.retry_backoff", "requires");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"retry_policy\": \"exponential\", \"retry_limit\": 11}")),
                HttpStatus.BAD_REQUEST, "options.retry_limit", "range");
        expect(post("/api/v1/schedules/rules", rule.formatted(calendarId, "{\"concurrency_policy\": \"buffer_one\"}")),
                HttpStatus.BAD_REQUEST, "options.concurrency_policy", "requires");
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue(rule.formatted(calendarId, """
                {"max_concurrent": 1, "concurrency_policy": "buffer_one", "retry_policy": "linear", "retry_limit": 2, "retry_backoff": "10s"}"""))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void enumsAreNamedNotNumbered() {
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": 1, "timezone": "UTC", "capacity": 1}"""), HttpStatus.BAD_REQUEST, "type", "format");
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": "venue", "timezone": "UTC", "capacity": 1, "overbooking_policy": 1}"""),
                HttpStatus.BAD_REQUEST, "overbooking_policy", "format");
    }

    @Test
    void integersHaveNoFractionAndTheirOverflowIsTheirFieldsProblem() {
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": "venue", "timezone": "UTC", "capacity": 1.5}"""), HttpStatus.BAD_REQUEST, "capacity", "type");
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": "venue", "timezone": "UTC", "capacity": 99999999999999}"""),
                HttpStatus.BAD_REQUEST, "capacity", "range");
    }

    @Test
    void textCarriesNoNulNoLoneSurrogatesAndNoControlCharacters() {
        expect(post("/api/v1/calendars", """
                {"name": "Room\\u0000", "type": "venue", "timezone": "UTC", "capacity": 1}"""), HttpStatus.BAD_REQUEST, "name", "text");
        String calendarId = createCalendar();
        expect(post("/api/v1/schedules", item(UUID.randomUUID().toString(), calendarId).replace("Quarterly review", "Review \\ud83d")),
                HttpStatus.BAD_REQUEST, "title", "text");
        String itemId = scheduleItem(calendarId);
        expect(post("/api/v1/schedules/" + itemId + "/reschedule", """
                {"new_time": "%s", "reason": "bell \\u0007"}""".formatted(NEXT_WEEK.plus(1, ChronoUnit.DAYS))),
                HttpStatus.BAD_REQUEST, "reason", "text");
        expect(post("/api/v1/schedules/rules", """
                {"name": "Payload", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s",
                 "job_template": {"type": "t", "payload": {"a\\u0000b": 1}}}""".formatted(calendarId)),
                HttpStatus.BAD_REQUEST, "job_template.payload", "text");
    }

    @Test
    void aZoneIsNamedExactlyAsTheTzDatabaseNamesIt() {
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": "venue", "timezone": "Europe/London\\n", "capacity": 1}"""),
                HttpStatus.BAD_REQUEST, "timezone", "iana_zone");
        expect(post("/api/v1/calendars", """
                {"name": "Room", "type": "venue", "timezone": "europe/london", "capacity": 1}"""),
                HttpStatus.BAD_REQUEST, "timezone", "iana_zone");
    }

    @Test
    void booleansAreBooleans() {
        String itemId = scheduleItem(createCalendar());
        expect(post("/api/v1/schedules/" + itemId + "/reschedule", """
                {"new_time": "%s", "cascade": 5}""".formatted(NEXT_WEEK.plus(1, ChronoUnit.DAYS))),
                HttpStatus.BAD_REQUEST, "cascade", "type");
        post("/api/v1/schedules/" + itemId + "/reschedule", """
                {"new_time": "%s", "notify": {}}""".formatted(NEXT_WEEK.plus(1, ChronoUnit.DAYS)))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("notify")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("true or false"));
    }

    @Test
    void anEmptyIfMatchIsRefusedNotIgnored() {
        String itemId = scheduleItem(createCalendar());
        client.post().uri("/api/v1/schedules/" + itemId + "/reschedule").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "")
                .bodyValue("{\"new_time\": \"" + NEXT_WEEK.plus(1, ChronoUnit.DAYS) + "\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match").jsonPath("$.errors[0].rule").isEqualTo("etag");
    }

    @Test
    void aPayloadMayHoldNullsAndKeysOfAnyLegalText() {
        String ruleId = "payload-" + UUID.randomUUID();
        post("/api/v1/schedules/rules", """
                {"id": "%s", "name": "Payload", "cron": "0 0 1 1 *", "timezone": "Asia/Tokyo", "queue": "%s",
                 "job_template": {"type": "t", "payload": {"gone": null, "": 1, "a.b": [null, true], "$where": {"x": null}}}}"""
                .formatted(ruleId, createCalendar())).expectStatus().isCreated();

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(rules.awaitRecords(TopicReader.keyed(ruleId), 1)).singleElement()
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .asString()
                    .contains("\"gone\":null", "\"\":1", "\"a.b\":[null,true]", "\"$where\":{\"x\":null}");
        }
    }

    @Test
    void aPayloadNumberThatNoStoreCanHoldIsRefused() {
        expect(post("/api/v1/schedules/rules", """
                {"name": "Big", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s",
                 "job_template": {"type": "t", "payload": {"nested": {"big": 99999999999999999999999}}}}""".formatted(createCalendar())),
                HttpStatus.BAD_REQUEST, "job_template.payload.nested", "range");
    }

    @Test
    void instantsAreKeptToTheMillisecond() {
        String calendarId = createCalendar();
        post("/api/v1/schedules", item("item-" + UUID.randomUUID(), calendarId)
                .replace(NEXT_WEEK.toString(), NEXT_WEEK.plusNanos(123_456_789).toString()))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.start").isEqualTo(NEXT_WEEK.plusMillis(123).toString());
    }

    @Test
    void anItemIdThatNamesAnEndpointIsRefused() {
        expect(post("/api/v1/schedules", item("window", createCalendar())), HttpStatus.BAD_REQUEST, "id", "pattern");
    }

    @Test
    void anItemMayShareItsIdWithACalendarAndARule() {
        String shared = "shared-" + UUID.randomUUID();
        post("/api/v1/calendars", """
                {"id": "%s", "name": "Room", "type": "venue", "timezone": "UTC", "capacity": 1, "overbooking_policy": "allow"}"""
                .formatted(shared)).expectStatus().isCreated();
        post("/api/v1/schedules", item(shared, shared)).expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"0\"");
        post("/api/v1/schedules/rules", """
                {"id": "%s", "name": "Rule", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(shared, shared)).expectStatus().isCreated();

        try (TopicReader schedule = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.SCHEDULE)) {
            assertThat(schedule.awaitRecords(TopicReader.keyed(shared), 1))
                    .extracting(record -> TopicReader.header(record, "ce_subject")).containsExactly(shared);
        }
    }

    @Test
    void repeatingACreationAfterAChangeAnswersTheCreationAsItWas() {
        String calendarId = createCalendar();
        String itemId = "item-" + UUID.randomUUID();
        String body = item(itemId, calendarId);
        post("/api/v1/schedules", body).expectStatus().isCreated();
        post("/api/v1/schedules/" + itemId + "/reschedule", "{\"new_time\": \"" + NEXT_WEEK.plus(3, ChronoUnit.DAYS) + "\"}")
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");

        post("/api/v1/schedules", body)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.start").isEqualTo(NEXT_WEEK.toString())
                .jsonPath("$.version").isEqualTo(0);
    }

    @Test
    void anOversizedBodyIsTypedAsSuch() {
        String huge = "{\"name\": \"" + "x".repeat(300_000) + "\", \"type\": \"venue\", \"timezone\": \"UTC\", \"capacity\": 1}";
        post("/api/v1/calendars", huge)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.CONTENT_TOO_LARGE);
    }

    private WebTestClient.ResponseSpec post(String path, String json) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    private String createCalendar() {
        String id = "cal-" + UUID.randomUUID();
        post("/api/v1/calendars", """
                {"id": "%s", "name": "Room", "type": "venue", "timezone": "America/New_York", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).expectStatus().isCreated();
        return id;
    }

    private String scheduleItem(String calendarId) {
        String id = "item-" + UUID.randomUUID();
        post("/api/v1/schedules", item(id, calendarId)).expectStatus().isCreated();
        return id;
    }

    private static String item(String id, String calendarId) {
        return """
                {"id": "%s", "calendar_id": "%s", "title": "Quarterly review", "type": "meeting", "start": "%s", "end": "%s",
                 "timezone": "America/New_York", "tags": ["finance"]}""".formatted(id, calendarId, NEXT_WEEK,
                NEXT_WEEK.plus(1, ChronoUnit.HOURS));
    }
}
