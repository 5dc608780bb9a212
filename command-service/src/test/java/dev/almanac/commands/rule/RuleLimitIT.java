package dev.almanac.commands.rule;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;

/** The limit of rules per user (F033-LIMIT-RULES), set to 2 here for a user of this test's own. */
@CommandServiceIntegrationTest
class RuleLimitIT {

    private static final String USER = "limited-" + UUID.randomUUID();

    @DynamicPropertySource
    static void limitedUser(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.development-actor", () -> USER);
        registry.add("almanac.commands.rules.max-rules-per-user", () -> "2");
    }

    @Autowired
    WebTestClient client;

    @Test
    void aUserAtTheLimitIsRefusedUntilARuleIsDeletedAndARepeatIsStillARepeat() {
        String calendarId = calendar();
        String first = "rule-" + UUID.randomUUID();
        create(first, calendarId).expectStatus().isCreated();
        create("rule-" + UUID.randomUUID(), calendarId).expectStatus().isCreated();

        String third = "rule-" + UUID.randomUUID();
        create(third, calendarId)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("max_rules_per_user")
                .jsonPath("$.errors[0].message").value(message -> org.assertj.core.api.Assertions.assertThat((String) message)
                        .contains(USER, third));
        create(first, calendarId).expectStatus().isOk();

        client.delete().uri("/api/v1/schedules/rules/{id}", first).exchange().expectStatus().isNoContent();
        create(third, calendarId).expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec create(String id, String calendarId) {
        return client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Rule", "cron": "0 2 * * 0", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(id, calendarId)).exchange();
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "venue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
    }
}
