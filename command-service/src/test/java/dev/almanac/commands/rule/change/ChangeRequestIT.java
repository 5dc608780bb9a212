package dev.almanac.commands.rule.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.TopicReader;

/**
 * Change requests through the API, with the real event store and Kafka: nothing changes before a
 * confirmation, a confirmation applies the change and marks the proposal in one transaction, a rule
 * that changed in between refuses it, and only its proposer or someone who may confirm it rejects
 * it. Same context as CommandServiceIT.
 */
@CommandServiceIntegrationTest
class ChangeRequestIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "X-Almanac-User";

    @Autowired
    WebTestClient client;

    @Test
    void nothingChangesUntilTheProposalIsConfirmedAndThenTheRuleAndTheProposalChangeTogether() {
        String ruleId = rule("30 2 * * *", "America/New_York", 300);

        JsonNode proposal = body(propose(ruleId, """
                {"instruction": "every weekday at 9:30", "reason": "Office hours"}""")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().exists("Almanac-Consistency-Token")
                .expectHeader().value("Location", location -> assertThat(location).startsWith("/api/v1/schedules/rules/" + ruleId
                        + "/change-requests/")));
        String changeRequestId = proposal.get("id").asString();
        assertThat(proposal.get("status").asString()).isEqualTo("proposed");
        assertThat(proposal.get("rule_version").asLong()).isZero();
        assertThat(proposal.get("patch").toString()).isEqualTo("{\"action\":\"update\",\"cron\":\"30 9 * * 1-5\"}");
        assertThat(proposal.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(proposal.get("description").asString()).isEqualTo("Run at 09:30 every day between Monday and Friday instead of at 02:30");
        assertThat(proposal.get("before").get("occurrences")).hasSize(10);
        assertThat(proposal.get("after").get("occurrences")).hasSize(10);
        assertThat(proposal.get("after").get("occurrences").get(0).get("local_start").asString()).contains("T09:3");
        assertThat(proposal.get("proposed_by").asString()).isEqualTo("developer");

        // Only the proposal is on the topic: the rule has not changed.
        assertThat(typesOnTheTopic(ruleId, 2)).containsExactly("RuleCreated", "RuleChangeProposed");
        put(ruleId, "0", "30 2 * * *", "America/New_York").expectStatus().isOk();
        put(ruleId, "2", "30 2 * * *", "America/New_York").expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);

        // The PUT above moved the rule to version 1, so this proposal is made again, against it.
        String again = body(propose(ruleId, "{\"instruction\": \"every weekday at 9:30\"}").expectStatus().isCreated())
                .get("id").asString();
        JsonNode confirmed = body(confirm(ruleId, again, "\"0\"", null)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().exists("Almanac-Consistency-Token"));
        assertThat(confirmed.get("status").asString()).isEqualTo("confirmed");
        assertThat(confirmed.get("decided_by").asString()).isEqualTo("developer");
        assertThat(confirmed.get("rule").get("version").asLong()).isEqualTo(2);
        assertThat(confirmed.get("rule").get("status").asString()).isEqualTo("active");

        List<ConsumerRecord<String, byte[]>> records = records(ruleId, 6);
        assertThat(records).extracting(ChangeRequestIT::type).containsExactly("RuleCreated", "RuleChangeProposed", "RuleUpdated",
                "RuleChangeProposed", "RuleUpdated", "RuleChangeConfirmed");
        ConsumerRecord<String, byte[]> update = records.get(4);
        ConsumerRecord<String, byte[]> confirmation = records.get(5);
        assertThat(new String(update.value(), StandardCharsets.UTF_8)).contains("\"cron\":\"30 9 * * 1-5\"", "\"jitter_seconds\":300",
                "\"timezone\":\"America/New_York\"");
        assertThat(TopicReader.header(update, "almanac_aggregate_version")).isEqualTo("2");
        assertThat(TopicReader.header(confirmation, "ce_subject")).isEqualTo(again);
        assertThat(TopicReader.header(confirmation, "almanac_aggregate_version")).isEqualTo("1");
        // One request, one correlation: the rule's change and the confirmation are one unit of work.
        assertThat(TopicReader.header(update, "almanac_correlation_id")).isEqualTo(TopicReader.header(confirmation, "almanac_correlation_id"));
        assertThat(TopicReader.header(update, "almanac_actor")).isEqualTo("developer");

        // The first proposal was made against version 0: the rule has moved on, so it is refused and changes nothing.
        confirm(ruleId, changeRequestId, "\"0\"", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("rule_changed")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("rule " + ruleId).contains("propose"));
        confirm(ruleId, again, "\"0\"", null).expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        confirm(ruleId, again, "\"1\"", null).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("confirmed");
        assertThat(typesOnTheTopic(ruleId, 6)).endsWith("RuleChangeConfirmed");
    }

    @Test
    void aConfirmationAfterAConcurrentChangeToTheRuleIsRefusedAndTheProposalMustBeMadeAgain() {
        String ruleId = rule("0 9 * * *", "UTC", 0);
        String changeRequestId = body(propose(ruleId, "{\"instruction\": \"pause until 2099-01-01\"}").expectStatus().isCreated())
                .get("id").asString();

        client.post().uri("/api/v1/schedules/rules/{id}/disable", ruleId).exchange().expectStatus().isOk();

        confirm(ruleId, changeRequestId, null, "{\"version\": 0}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("rule_changed")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("rule " + ruleId));
        assertThat(typesOnTheTopic(ruleId, 3)).containsExactly("RuleCreated", "RuleChangeProposed", "RuleDisabled");
        // Made again, against the disabled rule, the pause is refused as a pause of a disabled rule is.
        propose(ruleId, "{\"instruction\": \"pause until 2099-01-01\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("disabled");
    }

    @Test
    void thePatchAnInstructionWasReadAsProposesTheSameChange() {
        String ruleId = rule("0 9 * * *", "Europe/London", 0);
        JsonNode fromInstruction = body(propose(ruleId, "{\"instruction\": \"move to 14:15 in Europe/Paris\"}").expectStatus().isCreated());

        JsonNode fromPatch = body(propose(ruleId, "{\"patch\": " + fromInstruction.get("patch") + "}").expectStatus().isCreated());

        assertThat(fromPatch.get("patch")).isEqualTo(fromInstruction.get("patch"));
        assertThat(fromPatch.get("after").get("occurrences")).isEqualTo(fromInstruction.get("after").get("occurrences"));
        assertThat(fromPatch.path("instruction").isMissingNode()).isTrue();
        assertThat(fromInstruction.get("patch").toString()).isEqualTo("{\"action\":\"update\",\"cron\":\"15 14 * * *\","
                + "\"timezone\":\"Europe/Paris\"}");
    }

    @Test
    void aRejectedProposalCannotBeConfirmedAndARepeatedOneAnswersAsFirstGiven() {
        String ruleId = rule("0 9 * * *", "UTC", 0);
        String id = "chg-" + UUID.randomUUID();
        String request = "{\"id\": \"" + id + "\", \"patch\": {\"action\": \"update\", \"jitter_seconds\": 120, \"duration_seconds\": 2700}}";
        JsonNode first = body(propose(ruleId, request).expectStatus().isCreated());
        JsonNode repeat = body(propose(ruleId, request).expectStatus().isOk());
        assertThat(repeat).isEqualTo(first);
        assertThat(first.get("description").asString()).isEqualTo("Make each occurrence last 45m instead of 5m; delay each start by "
                + "up to 120 s of jitter instead of 0 s");
        propose(ruleId, "{\"id\": \"" + id + "\", \"instruction\": \"every hour\"}").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        client.post().uri("/api/v1/schedules/rules/{id}/change-requests/{change}/reject", ruleId, id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"Not this quarter\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("rejected")
                .jsonPath("$.reason").isEqualTo("Not this quarter");
        confirm(ruleId, id, "\"1\"", null).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("rejected");
        assertThat(typesOnTheTopic(ruleId, 3)).containsExactly("RuleCreated", "RuleChangeProposed", "RuleChangeRejected");
    }

    /**
     * ADR 0062: carol, a scheduler of the queue, proposed changes to bob's rule. A stranger
     * is refused as a confirmation would refuse them, and nothing is written; carol withdraws hers;
     * bob (creator and scheduler), alice (the queue's manager) and an admin reject theirs.
     */
    @Test
    void onlyItsProposerOrWhoeverMayConfirmItRejectsAChangeRequest() {
        String calendarId = queue("UTC");
        grant(calendarId, "alice", "manager", null);
        grant(calendarId, "bob", "scheduler", "alice");
        grant(calendarId, "carol", "scheduler", "alice");
        String ruleId = "rule-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").header(USER, "bob").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Bob's nightly", "cron": "0 6 * * *", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(ruleId, calendarId)).exchange().expectStatus().isCreated();
        List<String> proposals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            proposals.add(body(client.post().uri("/api/v1/schedules/rules/{id}/change-requests", ruleId).header(USER, "carol")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instruction\": \"pause\"}").exchange()
                    .expectStatus().isCreated()).get("id").asString());
        }

        // Erin has no role on the queue: to her the rule does not exist (ADR 0086).
        rejectAs(ruleId, proposals.get(0), "erin", false)
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.required_role").doesNotExist();
        // Nothing was written: the rule's records are its creation and the four proposals.
        assertThat(typesOnTheTopic(ruleId, 5)).containsExactly("RuleCreated", "RuleChangeProposed", "RuleChangeProposed",
                "RuleChangeProposed", "RuleChangeProposed");

        rejectAs(ruleId, proposals.get(0), "carol", false).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("rejected").jsonPath("$.decided_by").isEqualTo("carol");
        rejectAs(ruleId, proposals.get(1), "bob", false).expectStatus().isOk()
                .expectBody().jsonPath("$.decided_by").isEqualTo("bob");
        rejectAs(ruleId, proposals.get(2), "alice", false).expectStatus().isOk()
                .expectBody().jsonPath("$.decided_by").isEqualTo("alice");
        rejectAs(ruleId, proposals.get(3), "root", true).expectStatus().isOk()
                .expectBody().jsonPath("$.decided_by").isEqualTo("root");
        assertThat(typesOnTheTopic(ruleId, 9)).endsWith("RuleChangeRejected", "RuleChangeRejected", "RuleChangeRejected",
                "RuleChangeRejected");
    }

    @Test
    void anAmbiguousInstructionIsProposedWithItsDoubtNamedAndTheOtherReadingOffered() {
        String ruleId = rule("30 2 * * *", "America/New_York", 0);

        JsonNode proposal = body(propose(ruleId, "{\"instruction\": \"every weekday at 6\"}").expectStatus().isCreated());

        assertThat(proposal.get("patch").toString()).isEqualTo("{\"action\":\"update\",\"cron\":\"0 6 * * 1-5\"}");
        assertThat(proposal.get("confidence").asDouble()).isLessThan(1.0);
        assertThat(proposal.get("warnings").toString()).contains("ambiguous_time", "06:00 or 18:00");
        assertThat(proposal.get("alternatives").get(0).asString()).isEqualTo("every weekday at 6 in the evening");
        JsonNode other = body(propose(ruleId, "{\"instruction\": \"every weekday at 6 in the evening\"}").expectStatus().isCreated());
        assertThat(other.get("patch").get("cron").asString()).isEqualTo("0 18 * * 1-5");
        assertThat(other.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(other.get("alternatives")).isEmpty();
    }

    @Test
    void badInputIsAProblemThatNamesTheFieldAndTheRule() {
        String ruleId = rule("0 9 * * *", "UTC", 0);

        expect(propose(ruleId, "{}"), HttpStatus.BAD_REQUEST, "instruction", "one_of");
        expect(propose(ruleId, "{\"instruction\": \"resume\", \"patch\": {\"action\": \"resume\"}}"), HttpStatus.BAD_REQUEST, "patch",
                "one_of");
        propose(ruleId, "{\"instruction\": \"make it faster\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("instruction")
                .jsonPath("$.errors[0].rule").isEqualTo("instruction_grammar")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("every weekday at 9:30", "move it to 10:15", "pause until Monday"));
        expect(propose(ruleId, "{\"instruction\": \"every monday at 9:00 and every friday at 10:00\"}"), HttpStatus.BAD_REQUEST,
                "instruction", "ambiguous");
        expect(propose(ruleId, "{\"instruction\": \"" + "x".repeat(201) + "\"}"), HttpStatus.BAD_REQUEST, "instruction", "size");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\", \"cron\": \"0 0 30 2 *\"}}"), HttpStatus.BAD_REQUEST, "patch.cron",
                "never_fires");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\", \"rrule\": {\"rrule\": \"FREQ=DAILY\", \"dtstart\": \"tomorrow\"}}}"),
                HttpStatus.BAD_REQUEST, "patch.rrule.dtstart", "iso_local_date_time");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"pause\", \"cron\": \"0 9 * * *\"}}"), HttpStatus.BAD_REQUEST, "patch.cron",
                "one_of");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\"}}"), HttpStatus.BAD_REQUEST, "patch", "required");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\", \"timezone\": \"Mars/Olympus\"}}"), HttpStatus.BAD_REQUEST,
                "patch.timezone", "iana_zone");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\", \"jitter_seconds\": 3601}}"), HttpStatus.BAD_REQUEST,
                "patch.jitter_seconds", "range");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"pause\", \"resume_after\": \"2020-01-01T00:00:00Z\"}}"),
                HttpStatus.BAD_REQUEST, "patch.resume_after", "future");
        expect(propose(ruleId, "{\"patch\": {\"action\": \"update\", \"cron\": \"0 9 * * *\"}}"), HttpStatus.CONFLICT, "patch",
                "no_change");
        expect(propose(ruleId, "{\"instruction\": \"resume\"}"), HttpStatus.CONFLICT, "id", "not_paused");
        expect(propose("rule-nowhere-" + UUID.randomUUID(), "{\"instruction\": \"resume\"}"), HttpStatus.NOT_FOUND, "id", "exists");

        String changeRequestId = body(propose(ruleId, "{\"instruction\": \"pause\"}").expectStatus().isCreated()).get("id").asString();
        expect(confirm(ruleId, changeRequestId, null, null), HttpStatus.BAD_REQUEST, "If-Match", "required");
        expect(confirm(ruleId, changeRequestId, "\"0\"", "{\"version\": 1}"), HttpStatus.BAD_REQUEST, "version", "matches");
        expect(confirm(ruleId, changeRequestId, "0", null), HttpStatus.BAD_REQUEST, "If-Match", "etag");
        expect(confirm(rule("0 9 * * *", "UTC", 0), changeRequestId, "\"0\"", null), HttpStatus.NOT_FOUND, "change_request_id", "exists");
        expect(confirm(ruleId, "chg-nowhere", "\"0\"", null), HttpStatus.NOT_FOUND, "change_request_id", "exists");
        expect(confirm(ruleId, "bad id!", "\"0\"", null), HttpStatus.BAD_REQUEST, "change_request_id", "pattern");
        assertThat(typesOnTheTopic(ruleId, 2)).containsExactly("RuleCreated", "RuleChangeProposed");
    }

    @Test
    void theOpenApiDocumentDescribesTheGrammarAndTheOperations() {
        // The first request builds the document, which takes seconds on a loaded machine.
        client.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/schedules/rules/{id}/change-requests'].post.description")
                .value(description -> assertThat((String) description).contains("every 15 minutes", "move it to 10:15",
                        "pause [until <date>", "instruction_grammar", "ambiguous", "alternatives"))
                .jsonPath("$.paths['/api/v1/schedules/rules/{id}/change-requests/{changeRequestId}/confirm'].post").exists()
                .jsonPath("$.paths['/api/v1/schedules/rules/{id}/change-requests/{changeRequestId}/reject'].post").exists();
    }

    private String rule(String cron, String zone, int jitterSeconds) {
        String calendarId = queue(zone);
        String ruleId = "rule-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Nightly cleanup", "cron": "%s", "timezone": "%s", "queue": "%s", "job_template": {"type": "t"},
                 "options": {"jitter_seconds": %d}}""".formatted(ruleId, cron, zone, calendarId, jitterSeconds))
                .exchange().expectStatus().isCreated();
        return ruleId;
    }

    private String queue(String zone) {
        String calendarId = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "%s", "name": "Ops", "type": "queue", "timezone": "%s", "capacity": 10, "overbooking_policy": "allow"}"""
                .formatted(calendarId, zone)).exchange().expectStatus().isCreated();
        return calendarId;
    }

    /** Grants {@code role} to {@code user}, as {@code by} or, while the queue is open, as the development identity. */
    private void grant(String calendarId, String user, String role, @Nullable String by) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/calendars/{id}/grants", calendarId)
                .contentType(MediaType.APPLICATION_JSON);
        if (by != null) {
            request = request.header(USER, by);
        }
        request.bodyValue("{\"user_id\": \"" + user + "\", \"role\": \"" + role + "\"}").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec rejectAs(String ruleId, String changeRequestId, String user, boolean admin) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/schedules/rules/{id}/change-requests/{change}/reject",
                ruleId, changeRequestId).header(USER, user);
        if (admin) {
            request = request.header("X-Almanac-Roles", "admin");
        }
        return request.exchange();
    }

    private WebTestClient.ResponseSpec put(String ruleId, String ifMatch, String cron, String zone) {
        return client.put().uri("/api/v1/schedules/rules/{id}", ruleId).contentType(MediaType.APPLICATION_JSON).header("If-Match",
                        "\"" + ifMatch + "\"")
                .bodyValue("""
                        {"name": "Nightly cleanup", "cron": "%s", "timezone": "%s", "queue": "%s", "job_template": {"type": "t"},
                         "options": {"jitter_seconds": 300}}""".formatted(cron, zone, queueOf(ruleId)))
                .exchange();
    }

    /** The rule's queue, read back from its creation on the topic. */
    private String queueOf(String ruleId) {
        try (TopicReader rules = reader()) {
            return JSON.readTree(rules.awaitRecords(TopicReader.keyed(ruleId), 1).get(0).value()).get("calendar_id").asString();
        }
    }

    private WebTestClient.ResponseSpec propose(String ruleId, String json) {
        return client.post().uri("/api/v1/schedules/rules/{id}/change-requests", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec confirm(String ruleId, String changeRequestId, @Nullable String ifMatch, @Nullable String json) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/schedules/rules/{id}/change-requests/{change}/confirm",
                ruleId, changeRequestId).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return json == null ? request.exchange() : request.bodyValue(json).exchange();
    }

    private static JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody().returnResult().getResponseBody());
    }

    private static void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    /** The types of the rule's records, once {@code count} arrived and no more for a second after. */
    private static List<String> typesOnTheTopic(String ruleId, int count) {
        try (TopicReader rules = reader()) {
            rules.awaitRecords(TopicReader.keyed(ruleId), count);
            List<ConsumerRecord<String, byte[]>> records = rules.drainFor(Duration.ofSeconds(1), TopicReader.keyed(ruleId));
            assertThat(records).as("records of %s", ruleId).hasSize(count);
            return records.stream().map(ChangeRequestIT::type).toList();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> records(String ruleId, int count) {
        try (TopicReader rules = reader()) {
            return rules.awaitRecords(TopicReader.keyed(ruleId), count);
        }
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        String type = TopicReader.header(record, "ce_type");
        return type.substring("dev.almanac.rule.".length(), type.length() - ".v1".length());
    }

    private static TopicReader reader() {
        return new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES);
    }
}
