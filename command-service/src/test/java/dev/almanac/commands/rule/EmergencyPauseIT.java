package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.testing.TopicReader;

/**
 * The emergency pause-all and its undo against the real event store: the sweep is driven by hand
 * (its timer is set to an hour, and it does not start on the request) two rules a page, so that a page can be cut short like a crash.
 */
@CommandServiceIntegrationTest
@TestPropertySource(properties = {"almanac.commands.emergency-pause.sweep-interval=PT1H",
        "almanac.commands.emergency-pause.sweep-on-request=false", "almanac.commands.emergency-pause.page-size=2"})
class EmergencyPauseIT {

    @Autowired
    WebTestClient client;
    @Autowired
    EmergencySweep sweep;
    @Autowired
    EmergencyPauses pauses;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void pausesEveryRunningRuleResumesOnlyThoseAndSurvivesAPageCutShort() {
        String calendarId = calendar();
        String running = rule(calendarId);
        String alsoRunning = rule(calendarId);
        String pausedByItsOwner = rule(calendarId);
        String disabled = rule(calendarId);
        client.post().uri("/api/v1/schedules/rules/{id}/pause", pausedByItsOwner).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/schedules/rules/{id}/disable", disabled).exchange().expectStatus().isOk();

        String emergency = client.post().uri("/api/v1/admin/rules/pause-all").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"Queue backend down\"}").exchange()
                .expectStatus().isAccepted()
                // Its events are the sweep's, written later: no token to wait for, and the OpenAPI document lists none.
                .expectHeader().doesNotExist(ConsistencyToken.HEADER)
                .expectBody(EmergencyPauseResponse.class).returnResult().getResponseBody().id();
        client.post().uri("/api/v1/admin/rules/pause-all").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.errors[0].rule").isEqualTo("emergency_open");

        // A page cut short, as by a crash before its commit; the page is swept again, by this replica or
        // another (the other test contexts of this JVM run their own timed sweeps), and changes nothing twice.
        transactions.executeWithoutResult(status -> {
            sweep.sweepOnePage();
            status.setRollbackOnly();
        });
        sweepUntil(emergency, EmergencyPauses.PAUSED);

        assertThat(types(running, 2)).containsExactly("RuleCreated", "RulePaused");
        assertThat(value(running, 1)).contains("\"emergency_pause_id\":\"" + emergency + "\"", "Queue backend down");
        assertThat(types(alsoRunning, 2)).containsExactly("RuleCreated", "RulePaused");

        // Its owner takes one rule over meanwhile: resumes it and pauses it himself.
        client.post().uri("/api/v1/schedules/rules/{id}/resume", alsoRunning).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/schedules/rules/{id}/pause", alsoRunning).exchange().expectStatus().isOk();

        client.post().uri("/api/v1/admin/rules/resume-all").exchange()
                .expectStatus().isAccepted().expectHeader().doesNotExist(ConsistencyToken.HEADER)
                .expectBody().jsonPath("$.phase").isEqualTo("resuming");
        sweepUntil(emergency, EmergencyPauses.RESUMED);

        assertThat(types(running, 3)).containsExactly("RuleCreated", "RulePaused", "RuleResumed");
        assertThat(types(alsoRunning, 4)).as("paused by its owner since: stays paused")
                .containsExactly("RuleCreated", "RulePaused", "RuleResumed", "RulePaused");
        // Its owner's pause was never touched, so its owner can still resume it.
        client.post().uri("/api/v1/schedules/rules/{id}/resume", pausedByItsOwner).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/schedules/rules/{id}/enable", disabled).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/admin/rules/resume-all").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().jsonPath("$.errors[0].rule").isEqualTo("no_emergency");
    }

    private void sweepUntil(String emergency, String phase) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sweep.sweep();
            assertThat(pauses.find(emergency).orElseThrow().phase()).isEqualTo(phase);
        });
    }

    private List<String> types(String ruleId, int count) {
        return records(ruleId, count).stream()
                .map(record -> TopicReader.header(record, "ce_type").replace("dev.almanac.rule.", "").replace(".v1", ""))
                .toList();
    }

    private String value(String ruleId, int index) {
        return new String(records(ruleId, index + 1).get(index).value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> records(String ruleId, int count) {
        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            return rules.awaitRecords(TopicReader.keyed(ruleId), count);
        }
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "venue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private String rule(String calendarId) {
        String id = "rule-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Rule", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(id, calendarId)).exchange().expectStatus().isCreated();
        return id;
    }
}
