package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

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
 * Heartbeat rules through the API (OPS-HEARTBEAT, ADR 0073): a heartbeat is relayed as the RRULE of its beats with its interval and
 * grace, what cannot work for a rule Almanac never dispatches is refused naming the field, a heartbeat is not run now,
 * and its system's reports of the rule are each a run of their own. Same context as CommandServiceIT.
 */
@CommandServiceIntegrationTest
class HeartbeatRuleIT {

    @Autowired
    WebTestClient client;

    @Test
    void aHeartbeatIsRelayedAsTheRruleOfItsBeatsWithItsIntervalAndGraceAndBeatsInElapsedTime() {
        String ruleId = "rule-" + UUID.randomUUID();
        create(rule(ruleId, "America/Chicago", "\"heartbeat\": {\"interval\": \"5m\", \"grace\": \"2m\"}, \"dtstart\": \"2026-12-01T10:00:00\""))
                .expectStatus().isCreated();

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            String value = new String(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"cron\":\"\"", "\"rrule\":\"FREQ=MINUTELY;INTERVAL=5\"", "\"dtstart\":\"2026-12-01T10:00:00\"",
                    "\"heartbeat\":{\"interval_seconds\":300,\"grace_seconds\":120}", "\"gap\":\"skip\"", "\"overlap\":\"twice\"",
                    "\"duration_seconds\":300");
        }
    }

    @Test
    void aHeartbeatWithoutGraceOrDtstartBeatsFromTheMinuteOfItsCreationWithAMinutesGrace() {
        String ruleId = "rule-" + UUID.randomUUID();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        create(rule(ruleId, "UTC", "\"heartbeat\": {\"interval\": \"1m\"}")).expectStatus().isCreated();

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            String value = new String(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value(), StandardCharsets.UTF_8);
            assertThat(value).contains("\"rrule\":\"FREQ=MINUTELY;INTERVAL=1\"", "\"heartbeat\":{\"interval_seconds\":60,\"grace_seconds\":60}",
                    "\"duration_seconds\":60");
            String dtstart = value.replaceAll(".*\"dtstart\":\"([^\"]+)\".*", "$1");
            assertThat(Instant.parse(dtstart + "Z")).isBetween(before, before.plus(2, ChronoUnit.MINUTES));
        }
    }

    @Test
    void anIntervalOrGraceThatCannotWorkIsRefusedNamingTheField() {
        expect(create(heartbeat("{\"interval\": \"0m\"}")), "heartbeat.interval", "range");
        expect(create(heartbeat("{\"interval\": \"-5m\"}")), "heartbeat.interval", "pattern");
        expect(create(heartbeat("{\"interval\": \"90s\"}")), "heartbeat.interval", "whole_minutes");
        expect(create(heartbeat("{\"interval\": \"13h\"}")), "heartbeat.interval", "range");
        expect(create(heartbeat("{\"interval\": \"5m\", \"grace\": \"6m\"}")), "heartbeat.grace", "within_interval");
        expect(create(heartbeat("{\"interval\": \"5m\", \"grace\": \"-1m\"}")), "heartbeat.grace", "pattern");
        expect(create(heartbeat("{}")), "heartbeat.interval", "required");
        expect(create(rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}, \"cron\": \"*/5 * * * *\"")),
                "cron", "one_of");
    }

    @Test
    void whatOnlyADispatchedRunHonoursIsRefusedOnAHeartbeatNamingTheField() {
        expect(create(heartbeatWith("\"options\": {\"retry_policy\": \"linear\"}")), "options.retry_policy", "heartbeat");
        expect(create(heartbeatWith("\"options\": {\"catchup_policy\": \"latest\"}")), "options.catchup_policy", "heartbeat");
        expect(create(heartbeatWith("\"options\": {\"catchup\": true}")), "options.catchup", "heartbeat");
        expect(create(heartbeatWith("\"options\": {\"max_concurrent\": 1}")), "options.max_concurrent", "heartbeat");
        expect(create(heartbeatWith("\"options\": {\"jitter_seconds\": 30}")), "options.jitter_seconds", "heartbeat");
        expect(create(heartbeatWith("\"options\": {\"dst_policy\": {\"gap\": \"shift_forward\"}}")), "options.dst_policy", "heartbeat");
        expect(create(rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}",
                "{\"type\": \"http\", \"payload\": {\"url\": \"https://hooks.example.com/\"}}")), "job_template.type", "heartbeat");
        expect(create(rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}",
                "{\"type\": \"t\", \"timeout\": 301}")), "job_template.timeout", "within_interval");
        expect(create(rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}",
                "{\"type\": \"t\", \"estimated_duration\": \"6m\"}")), "job_template.estimated_duration", "within_interval");
        create(rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}, \"options\": {\"catchup_policy\": \"none\"}",
                "{\"type\": \"t\", \"timeout\": 300}")).expectStatus().isCreated();
    }

    @Test
    void aHeartbeatIsNotRunNowButItsSystemsReportsAreEachARunOfTheirOwn() {
        String ruleId = "rule-" + UUID.randomUUID();
        String calendarId = calendar();
        create(rule(ruleId, calendarId, "UTC", "\"heartbeat\": {\"interval\": \"5m\"}", "{\"type\": \"t\"}")).expectStatus().isCreated();

        client.post().uri("/api/v1/schedules/rules/{id}/run-now", ruleId).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("heartbeat");

        Instant first = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String run1 = reportOf(calendarId, ruleId, first);
        String run2 = reportOf(calendarId, ruleId, first.plusSeconds(30));
        assertThat(run1).isNotEqualTo(run2);
    }

    private String reportOf(String calendarId, String ruleId, Instant at) {
        byte[] body = client.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"calendar_id": "%s", "entry_kind": "rule", "entry_id": "%s", "status": "succeeded", "at": "%s"}"""
                        .formatted(calendarId, ruleId, at))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.entry_kind").isEqualTo("rule").returnResult().getResponseBody();
        return new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8).replaceAll(".*\"run_id\":\"([^\"]+)\".*", "$1");
    }

    private String heartbeat(String heartbeat) {
        return rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": " + heartbeat);
    }

    private String heartbeatWith(String more) {
        return rule("rule-" + UUID.randomUUID(), "UTC", "\"heartbeat\": {\"interval\": \"5m\"}, " + more);
    }

    private String rule(String id, String zone, String schedule) {
        return rule(id, zone, schedule, "{\"type\": \"t\"}");
    }

    private String rule(String id, String zone, String schedule, String template) {
        return rule(id, calendar(), zone, schedule, template);
    }

    private static String rule(String id, String calendarId, String zone, String schedule, String template) {
        return """
                {"id": "%s", "name": "Billing sync", "timezone": "%s", "queue": "%s", "job_template": %s, %s}"""
                .formatted(id, zone, calendarId, template, schedule);
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "queue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
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
