package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.testing.TopicReader;

/**
 * Commands on one occurrence through the API (ADR 0023): a move, a cancellation, "this and
 * following" as one transaction over two rules, and the problems for bad input. Same context as
 * CommandServiceIT.
 */
@CommandServiceIntegrationTest
class RuleExceptionsIT {

    private static final String USER = "X-Almanac-User";

    @Autowired
    WebTestClient client;

    /** A rule at 06:00 UTC every day, created now: its first occurrence is the next 06:00. */
    private static Instant firstRun() {
        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS).plusSeconds(6 * 3600);
        return today.isAfter(now.plusSeconds(60)) ? today : today.plus(1, ChronoUnit.DAYS);
    }

    @Test
    void anOccurrenceIsMovedThenCancelledAndEachChangeIsARuleEventGuardedByItsVersion() {
        String ruleId = rule("rule-" + UUID.randomUUID(), calendar());
        Instant first = firstRun();
        String occurrenceId = OccurrenceId.of(RuleId.of(ruleId), first).value();
        Instant movedTo = first.plusSeconds(5400);

        post(ruleId, occurrenceId, "move", "\"0\"", "{\"new_time\": \"" + movedTo + "\", \"reason\": \"late start\"}")
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.occurrence_id").isEqualTo(occurrenceId)
                .jsonPath("$.recurrence_id").isEqualTo(first.toString())
                .jsonPath("$.status").isEqualTo("moved")
                .jsonPath("$.start").isEqualTo(movedTo.toString());
        post(ruleId, occurrenceId, "cancel", "\"0\"", null).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        // Named by its recurrence id this time.
        post(ruleId, first.toString(), "cancel", "\"1\"", "{\"reason\": \"holiday\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("cancelled").jsonPath("$.start").doesNotExist();
        problem(post(ruleId, occurrenceId, "move", null, "{\"new_time\": \"" + movedTo + "\"}"), HttpStatus.CONFLICT, "occurrence_id",
                "cancelled");

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            List<ConsumerRecord<String, byte[]>> records = rules.awaitRecords(TopicReader.keyed(ruleId), 3);
            assertThat(records).extracting(record -> TopicReader.header(record, "ce_type")).containsExactly(
                    "dev.almanac.rule.RuleCreated.v1", "dev.almanac.rule.RuleOccurrenceMoved.v1", "dev.almanac.rule.RuleOccurrenceCancelled.v1");
            assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8))
                    .contains("\"recurrence_id\":\"" + first + "\"", "\"start\":\"" + movedTo + "\"", "\"reason\":\"late start\"");
        }
    }

    @Test
    void skipNextCancelsTheNextRunGuardedByIfMatchAndOnceDisabledThereIsNoneToSkip() {
        String ruleId = rule("rule-" + UUID.randomUUID(), calendar());
        Instant first = firstRun();

        skipNext(ruleId, "\"1\"").expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        skipNext(ruleId, "\"0\"")
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.occurrence_id").isEqualTo(OccurrenceId.of(RuleId.of(ruleId), first).value())
                .jsonPath("$.status").isEqualTo("skipped")
                .jsonPath("$.start").isEqualTo(first.toString());
        skipNext(ruleId, null).expectStatus().isOk().expectBody().jsonPath("$.recurrence_id")
                .isEqualTo(first.plus(1, ChronoUnit.DAYS).toString());
        client.post().uri("/api/v1/schedules/rules/{id}/disable", ruleId).exchange().expectStatus().isOk();
        problem(skipNext(ruleId, null), HttpStatus.CONFLICT, "id", "no_next_run");
        problem(skipNext("rule-missing-" + UUID.randomUUID(), null), HttpStatus.NOT_FOUND, "id", "exists");
    }

    @Test
    void runNowAnswers202WithItsRunAndPublishesItOnTheRulesTopicAndADisabledRuleIsRefused() {
        String ruleId = rule("rule-" + UUID.randomUUID(), calendar());

        client.post().uri("/api/v1/schedules/rules/{id}/run-now", ruleId).header(HttpHeaders.IF_MATCH, "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"release check\"}")
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(ruleId)
                .jsonPath("$.run_id").isEqualTo(OccurrenceId.runNowOf(RuleId.of(ruleId), 1).value())
                .jsonPath("$.status").isEqualTo("requested")
                .jsonPath("$.reason").isEqualTo("release check")
                .jsonPath("$.requested_at").exists();
        problem(client.post().uri("/api/v1/schedules/rules/{id}/run-now", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\": \"" + "x".repeat(257) + "\"}").exchange(), HttpStatus.BAD_REQUEST, "reason", "size");

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            List<ConsumerRecord<String, byte[]>> records = rules.awaitRecords(TopicReader.keyed(ruleId), 2);
            assertThat(records).extracting(record -> TopicReader.header(record, "ce_type"))
                    .containsExactly("dev.almanac.rule.RuleCreated.v1", "dev.almanac.rule.RuleRunRequested.v1");
            assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8))
                    .contains("\"run_id\":\"" + OccurrenceId.runNowOf(RuleId.of(ruleId), 1).value() + "\"");
        }
        client.post().uri("/api/v1/schedules/rules/{id}/disable", ruleId).exchange().expectStatus().isOk();
        problem(client.post().uri("/api/v1/schedules/rules/{id}/run-now", ruleId).exchange(), HttpStatus.CONFLICT, "id", "disabled");
        problem(client.post().uri("/api/v1/schedules/rules/{id}/run-now", "rule-missing-" + UUID.randomUUID()).exchange(),
                HttpStatus.NOT_FOUND, "id", "exists");
    }

    private WebTestClient.ResponseSpec skipNext(String ruleId, String ifMatch) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/schedules/rules/{id}/skip-next", ruleId);
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.exchange();
    }

    @Test
    void badOccurrenceCommandsAreProblemsNamingTheFieldAndTheRule() {
        String ruleId = rule("rule-" + UUID.randomUUID(), calendar());
        Instant first = firstRun();
        String occurrenceId = OccurrenceId.of(RuleId.of(ruleId), first).value();

        problem(post(ruleId, occurrenceId, "move", null, "{\"new_time\": \"2020-01-01T00:00:00Z\"}"), HttpStatus.BAD_REQUEST,
                "new_time", "future");
        problem(post(ruleId, OccurrenceId.of(RuleId.of("rule-other"), first).value(), "cancel", null, null), HttpStatus.NOT_FOUND,
                "occurrence_id", "exists");
        problem(post(ruleId, first.plusSeconds(1).toString(), "cancel", null, null), HttpStatus.NOT_FOUND, "occurrence_id", "produced");
        problem(post(ruleId, "not an id!", "cancel", null, null), HttpStatus.BAD_REQUEST, "occurrence_id", "pattern");
        problem(post(ruleId, occurrenceId, "missed", null, "{\"action\": \"delete_missed\"}"), HttpStatus.CONFLICT, "occurrence_id",
                "not_due");
        problem(post(ruleId, occurrenceId, "missed", null, "{\"action\": \"approve_backfill_run\", \"new_time\": \"" + first + "\"}"),
                HttpStatus.BAD_REQUEST, "new_time", "one_of");
        problem(post(ruleId, occurrenceId, "missed", null, "{\"action\": \"run_twice\"}"), HttpStatus.BAD_REQUEST, "action", "format");
        problem(post("rule-missing-" + UUID.randomUUID(), occurrenceId, "cancel", null, null), HttpStatus.NOT_FOUND, "id", "exists");
    }

    @Test
    void thisAndFollowingEndsTheOldSeriesAndCreatesTheNewRuleInOneTransaction() {
        String calendarId = calendar();
        String oldRule = rule("rule-" + UUID.randomUUID(), calendarId);
        Instant first = firstRun();
        Instant second = first.plus(1, ChronoUnit.DAYS);
        String newRule = "rule-" + UUID.randomUUID();

        post(oldRule, OccurrenceId.of(RuleId.of(oldRule), second).value(), "this-and-following", "\"0\"",
                body(newRule, calendarId, "0 7 * * *"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/v1/schedules/rules/" + newRule)
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(newRule)
                .jsonPath("$.active_from").isEqualTo(second.toString())
                .jsonPath("$.next_run").isEqualTo(second.plusSeconds(3600).toString())
                .jsonPath("$.continues.rule_id").isEqualTo(oldRule)
                .jsonPath("$.continues.ends_at").isEqualTo(second.toString())
                .jsonPath("$.continues.version").isEqualTo(1);

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            ConsumerRecord<String, byte[]> ended = rules.awaitRecords(TopicReader.keyed(oldRule), 2).get(1);
            ConsumerRecord<String, byte[]> created = rules.awaitRecords(TopicReader.keyed(newRule), 1).get(0);
            assertThat(TopicReader.header(ended, "ce_type")).isEqualTo("dev.almanac.rule.RuleEnded.v1");
            assertThat(new String(ended.value(), StandardCharsets.UTF_8))
                    .contains("\"ends_at\":\"" + second + "\"", "\"continued_by\":\"" + newRule + "\"");
            assertThat(new String(created.value(), StandardCharsets.UTF_8)).contains("\"active_from\":\"" + second + "\"");
            assertThat(TopicReader.header(created, "almanac_correlation_id")).as("one request")
                    .isEqualTo(TopicReader.header(ended, "almanac_correlation_id"));
        }

        // The old rule's occurrence at the seam is no longer its own; the one before is.
        problem(post(oldRule, second.toString(), "cancel", null, null), HttpStatus.NOT_FOUND, "occurrence_id", "produced");
        post(oldRule, first.toString(), "cancel", "\"1\"", null).expectStatus().isOk();
    }

    @Test
    void aRefusedNewRuleLeavesTheOldSeriesAsItWas() {
        String calendarId = calendar();
        String taken = rule("rule-" + UUID.randomUUID(), calendarId);
        String oldRule = rule("rule-" + UUID.randomUUID(), calendarId);
        Instant first = firstRun();

        problem(post(oldRule, first.toString(), "this-and-following", null, body(taken, calendarId, "0 7 * * *")), HttpStatus.CONFLICT,
                "id", "unique");
        problem(post(oldRule, first.toString(), "this-and-following", null, body("rule-" + UUID.randomUUID(), "cal-nowhere", "0 7 * * *")),
                HttpStatus.UNPROCESSABLE_CONTENT, "queue", "exists");
        problem(post(oldRule, first.toString(), "this-and-following", "\"7\"", body("rule-" + UUID.randomUUID(), calendarId, "0 7 * * *")),
                HttpStatus.PRECONDITION_FAILED, "If-Match", "current_version");

        // Still at version 0, with the occurrence the refused splits named still its own.
        post(oldRule, first.toString(), "cancel", "\"0\"", null).expectStatus().isOk();
    }

    /**
     * ADR 0027 on one occurrence: once the rule's queue has grants, only its schedulers may change its
     * occurrences, and of them only the rule's creator unless they manage the queue (ADR 0062); a
     * split needs the role on the queue whose series it ends and on the new rule's, and a refusal of
     * either leaves both rules as they were.
     */
    @Test
    void onlyTheQueuesSchedulersMayChangeItsOccurrencesOrSplitItsSeries() {
        String calendarId = calendar();
        String otherQueue = calendar();
        String ruleId = rule("bob", "rule-" + UUID.randomUUID(), calendarId);
        Instant first = firstRun();
        grant(calendarId, "bob", "scheduler");
        grant(otherQueue, "alice", "manager");

        // Carol has no role on the queue, bob none on the other: to them they do not exist (ADR 0086).
        postAs("carol", ruleId, first.toString(), "cancel", null, null).expectStatus().isNotFound();
        postAs("carol", ruleId, first.toString(), "move", null, "{\"new_time\": \"" + first.plusSeconds(600) + "\"}")
                .expectStatus().isNotFound();
        postAs("carol", ruleId, first.toString(), "this-and-following", null, body("rule-" + UUID.randomUUID(), calendarId, "0 7 * * *"))
                .expectStatus().isNotFound();
        postAs("bob", ruleId, first.toString(), "this-and-following", null, body("rule-" + UUID.randomUUID(), otherQueue, "0 7 * * *"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("queue").jsonPath("$.errors[0].rule").isEqualTo("exists");

        // Nothing was applied: the rule is still at version 0, and its creator, a scheduler, may change it and split it.
        postAs("bob", ruleId, first.toString(), "cancel", "\"0\"", null).expectStatus().isOk();
        Instant second = first.plus(1, ChronoUnit.DAYS);
        String successor = "rule-" + UUID.randomUUID();
        postAs("bob", ruleId, second.toString(), "this-and-following", "\"1\"", body(successor, calendarId, "0 7 * * *"))
                .expectStatus().isCreated();
        // An admin has no grant on the queue but is its manager: the split hands the whole caller to the rule whose series it ends.
        post(successor, second.plusSeconds(3600).toString(), "this-and-following", "\"0\"",
                body("rule-" + UUID.randomUUID(), calendarId, "0 8 * * *")).expectStatus().isCreated();
    }

    @Test
    void aCatchUpPolicyIsCarriedOnTheRuleAndMustAgreeWithCatchup() {
        String calendarId = calendar();
        String ruleId = "rule-" + UUID.randomUUID();
        String body = """
                {"id": "%s", "name": "Rule", "cron": "0 6 * * *", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"},
                 "options": %s}""";
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.formatted(ruleId, calendarId, "{\"catchup_policy\": \"all\"}")).exchange().expectStatus().isCreated();
        problem(client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.formatted("rule-" + UUID.randomUUID(), calendarId, "{\"catchup\": false, \"catchup_policy\": \"latest\"}"))
                .exchange(), HttpStatus.BAD_REQUEST, "options.catchup_policy", "one_of");

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(new String(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value(), StandardCharsets.UTF_8))
                    .contains("\"catchup\":true", "\"catchup_policy\":\"all\"");
        }
    }

    private WebTestClient.ResponseSpec post(String ruleId, String occurrence, String action, @Nullable String ifMatch, @Nullable String json) {
        return postAs(null, ruleId, occurrence, action, ifMatch, json);
    }

    /** As {@code user} (development identity), or as the local stack's admin when null. */
    private WebTestClient.ResponseSpec postAs(@Nullable String user, String ruleId, String occurrence, String action,
                                              @Nullable String ifMatch, @Nullable String json) {
        WebTestClient.RequestBodySpec request = client.post()
                .uri("/api/v1/schedules/rules/{id}/occurrences/{occurrenceId}/" + action, ruleId, occurrence)
                .contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            request = request.header(USER, user);
        }
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return json == null ? request.exchange() : request.bodyValue(json).exchange();
    }

    private void grant(String calendarId, String user, String role) {
        client.post().uri("/api/v1/calendars/{id}/grants", calendarId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user_id\": \"%s\", \"role\": \"%s\"}".formatted(user, role))
                .exchange().expectStatus().isOk();
    }

    private static void problem(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    private String calendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "venue", "timezone": "UTC", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(id)).exchange().expectStatus().isCreated();
        return id;
    }

    private static String body(String id, String calendarId, String cron) {
        return """
                {"id": "%s", "name": "Rule", "cron": "%s", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(id, cron, calendarId);
    }

    private String rule(String id, String calendarId) {
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue(body(id, calendarId, "0 6 * * *"))
                .exchange().expectStatus().isCreated();
        return id;
    }

    /** Created by {@code user} (development identity), who is then its creator (ADR 0062). */
    private String rule(String user, String id, String calendarId) {
        client.post().uri("/api/v1/schedules/rules").header(USER, user).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(id, calendarId, "0 6 * * *"))
                .exchange().expectStatus().isCreated();
        return id;
    }
}
