package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.platform.testing.TopicReader;

/**
 * A rule's schedule through the API: a cron in each dialect (names included), an RRULE with its
 * DTSTART and exceptions, a recurrence pattern (SCH-RECURRENCE), and the problems that name the field at
 * fault. Same context as CommandServiceIT.
 */
@CommandServiceIntegrationTest
class RuleScheduleIT {

    @Autowired
    WebTestClient client;

    @Test
    void aUnixCronWithNamesIsAcceptedAndDescribed() {
        create(rule("\"cron\": \"30 9 * JAN-MAR MON-FRI\""))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.description").value(description -> assertThat((String) description)
                        .containsIgnoringCase("09:30").containsIgnoringCase("monday").containsIgnoringCase("january"))
                .jsonPath("$.next_run").exists();
    }

    @Test
    void aQuartzAndASpringCronAreReadInTheirDialect() {
        create(rule("\"cron\": \"0 0 10 ? * 6L\", \"cron_dialect\": \"quartz\""))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.description").value(description -> assertThat((String) description).containsIgnoringCase("last"));
        create(rule("\"cron\": \"0 0 8 1-7 * MON\", \"cron_dialect\": \"spring\""))
                .expectStatus().isCreated();
        // In the unix dialect a Quartz expression has too many fields.
        expect(create(rule("\"cron\": \"0 0 10 ? * 6L\"")), "cron", "cron_syntax");
    }

    @Test
    void anRruleWithDtstartAndExceptionsIsRelayedOnTheRuleCreated() {
        String ruleId = "rule-" + UUID.randomUUID();
        create(rule(ruleId, """
                "rrule": "FREQ=MONTHLY;BYDAY=-1FR", "dtstart": "2026-12-01T10:00:00",
                "exdates": ["2026-12-25T10:00:00"], "rdates": ["2026-12-24T10:00:00"]"""))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.description").value(description -> assertThat((String) description).containsIgnoringCase("friday"));

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            String value = new String(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"cron\":\"\"", "\"rrule\":\"FREQ=MONTHLY;BYDAY=-1FR\"", "\"dtstart\":\"2026-12-01T10:00:00\"",
                    "\"exdates\":[\"2026-12-25T10:00:00\"]", "\"rdates\":[\"2026-12-24T10:00:00\"]");
        }
    }

    @Test
    void aRuleWhoseSeriesHasEndedIsCreatedExpired() {
        create(rule("\"rrule\": \"FREQ=DAILY;COUNT=3\", \"dtstart\": \"2020-01-01T10:00:00\""))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("expired").jsonPath("$.next_run").isEmpty();
    }

    @Test
    void aRecurrencePatternIsReadAsItsRrule() {
        String ruleId = "rule-" + UUID.randomUUID();
        create(rule(ruleId, """
                "recurrence": {"type": "weekly", "interval": 2, "days_of_week": ["monday", "thursday"], "occurrence_count": 10},
                "dtstart": "2026-12-01T09:00:00\""""))
                .expectStatus().isCreated();

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            String value = new String(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"rrule\":\"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10\"");
        }
    }

    /** SCH-006: a recurring item (seed 003's pattern) has at most 365 occurrences, so it ends; cron and RRULE rules stay open. */
    @Test
    void aRecurringItemHasAtMost365Occurrences() {
        String daily = "\"recurrence\": {\"type\": \"daily\"%s}, \"dtstart\": \"2026-12-01T09:00:00\"";
        create(rule(daily.formatted(", \"occurrence_count\": 365"))).expectStatus().isCreated();
        expect(create(rule(daily.formatted(", \"occurrence_count\": 366"))), "recurrence.occurrence_count", "SCH-006");
        // 2026-12-01 to 2027-11-30 is 365 days; a day more is a 366th occurrence.
        create(rule(daily.formatted(", \"end_date\": \"2027-11-30T23:00:00Z\""))).expectStatus().isCreated();
        expect(create(rule(daily.formatted(", \"end_date\": \"2027-12-01T23:00:00Z\""))), "recurrence.end_date", "SCH-006");
        expect(create(rule(daily.formatted(""))), "recurrence", "SCH-006");
        create(rule("\"rrule\": \"FREQ=DAILY\", \"dtstart\": \"2026-12-01T09:00:00\"")).expectStatus().isCreated();
    }

    @Test
    void exactlyOneScheduleIsGivenAndItsPartsBelongToIt() {
        expect(create(rule("\"cron_dialect\": \"unix\"")), "cron", "one_of");
        expect(create(rule("\"cron\": \"0 2 * * 0\", \"rrule\": \"FREQ=DAILY\", \"dtstart\": \"2026-12-01T10:00:00\"")),
                "rrule", "one_of");
        expect(create(rule("\"cron\": \"0 2 * * 0\", \"dtstart\": \"2026-12-01T10:00:00\"")), "dtstart", "one_of");
        expect(create(rule("\"rrule\": \"FREQ=DAILY\", \"cron_dialect\": \"quartz\", \"dtstart\": \"2026-12-01T10:00:00\"")),
                "cron_dialect", "one_of");
        expect(create(rule("\"rrule\": \"FREQ=DAILY\"")), "dtstart", "required");
        expect(create(rule("\"rrule\": \"FREQ=DAILY\", \"dtstart\": \"tomorrow\"")), "dtstart", "iso_local_date_time");
        expect(create(rule("\"rrule\": \"FREQ=DAILY\", \"dtstart\": \"2026-12-01T10:00:00\", \"exdates\": [\"2026-12-02\"]")),
                "exdates[0]", "iso_local_date_time");
        expect(create(rule("\"recurrence\": {\"type\": \"none\"}, \"dtstart\": \"2026-12-01T10:00:00\"")), "recurrence.type", "one_of");
        expect(create(rule("\"recurrence\": {\"type\": \"custom\"}, \"dtstart\": \"2026-12-01T10:00:00\"")), "recurrence", "rrule_syntax");
    }

    @Test
    void aScheduleThatCannotRunIsItsFieldsProblem() {
        expect(create(rule("\"cron\": \"0 0 30 2 *\"")), "cron", "never_fires");
        expect(create(rule("\"cron\": \"61 * * * *\"")), "cron", "cron_syntax");
        expect(create(rule("\"rrule\": \"FREQ=FORTNIGHTLY\", \"dtstart\": \"2026-12-01T10:00:00\"")), "rrule", "rrule_syntax");
        expect(create(rule("\"rrule\": \"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\", \"dtstart\": \"2026-12-01T10:00:00\"")),
                "rrule", "never_fires");
        expect(create(rule("\"rrule\": \"FREQ=DAILY;COUNT=99999\", \"dtstart\": \"2026-12-01T10:00:00\"")), "rrule", "limits");
        expect(create(rule("\"cron\": \"0 2 * * 0\"").replace("\"UTC\"", "\"Mars/Olympus\"")), "timezone", "iana_zone");
        expect(create(rule("\"cron\": \"0 2 * * 0\", \"options\": {\"jitter_seconds\": 3601}")), "options.jitter_seconds", "range");
    }

    @Test
    void aPutReplacesTheDefinitionGuardedByItsVersionAndIsRelayedAsRuleUpdated() {
        String ruleId = "rule-" + UUID.randomUUID();
        String calendarId = calendar();
        String body = """
                {"name": "Rule", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}, %s}""";
        create(rule(ruleId, "\"cron\": \"0 2 * * 0\"")).expectStatus().isCreated();

        put(ruleId, "\"0\"", body.formatted(calendarId, "\"rrule\": \"FREQ=MONTHLY;BYDAY=-1FR\", \"dtstart\": \"2026-12-01T10:00:00\""))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(ruleId)
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.description").value(description -> assertThat((String) description).containsIgnoringCase("friday"))
                .jsonPath("$.next_run").exists();
        put(ruleId, "\"0\"", body.formatted(calendarId, "\"cron\": \"0 3 * * 0\"")).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        expect(put(ruleId, null, body.formatted(calendarId, "\"cron\": \"0 0 30 2 *\"")), "cron", "never_fires");
        expect(put(ruleId, null, "{\"id\": \"rule-other\", " + body.formatted(calendarId, "\"cron\": \"0 3 * * 0\"").substring(1)),
                "id", "path_id");
        put("rule-nowhere-" + UUID.randomUUID(), null, body.formatted(calendarId, "\"cron\": \"0 3 * * 0\""))
                .expectStatus().isNotFound();

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(rules.awaitRecords(TopicReader.keyed(ruleId), 2))
                    .extracting(record -> TopicReader.header(record, "ce_type"))
                    .containsExactly("dev.almanac.rule.RuleCreated.v1", "dev.almanac.rule.RuleUpdated.v1");
        }
    }

    @Test
    void aDisabledRuleIsNotResumedButEnabled() {
        String ruleId = "rule-" + UUID.randomUUID();
        create(rule(ruleId, "\"cron\": \"0 2 * * 0\"")).expectStatus().isCreated();

        client.post().uri("/api/v1/schedules/rules/{id}/disable", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"Frozen\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.status").isEqualTo("disabled").jsonPath("$.next_run").isEmpty();
        client.post().uri("/api/v1/schedules/rules/{id}/resume", ruleId).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.errors[0].rule").isEqualTo("disabled");
        client.post().uri("/api/v1/schedules/rules/{id}/enable", ruleId).header("If-Match", "\"1\"").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("active").jsonPath("$.next_run").exists();
        client.post().uri("/api/v1/schedules/rules/{id}/enable", ruleId).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.errors[0].rule").isEqualTo("not_disabled");

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(rules.awaitRecords(TopicReader.keyed(ruleId), 3))
                    .extracting(record -> TopicReader.header(record, "ce_type"))
                    .containsExactly("dev.almanac.rule.RuleCreated.v1", "dev.almanac.rule.RuleDisabled.v1", "dev.almanac.rule.RuleEnabled.v1");
        }
    }

    private WebTestClient.ResponseSpec put(String ruleId, @Nullable String ifMatch, String json) {
        WebTestClient.RequestBodySpec request = client.put().uri("/api/v1/schedules/rules/{id}", ruleId).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(json).exchange();
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "venue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private String rule(String schedule) {
        return rule("rule-" + UUID.randomUUID(), schedule);
    }

    private String rule(String id, String schedule) {
        return """
                {"id": "%s", "name": "Rule", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}, %s}"""
                .formatted(id, calendar(), schedule);
    }

    private WebTestClient.ResponseSpec create(String json) {
        return client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private static void expect(WebTestClient.ResponseSpec response, String field, String rule) {
        response.expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}
