package dev.almanac.query.changerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** {@code GET /api/v1/schedules/rules/{id}/change-requests[/{changeRequestId}]}: a rule's open proposals, and any one proposal. */
@QueryApiTest
class ChangeRequestApiTest extends ReadModelApiTest {

    private static final RuleId RULE = RuleId.of("rule-weekly");

    /** The rule at version 0, and a proposal against that version, open for an hour from now. */
    private RuleChangeProposed proposeAgainstTheRule(String id) {
        RuleCreated created = EventSamples.ruleCreated();
        readModels.given(new RuleCreated(RULE, created.name(), created.cron(), created.timezone(), created.calendarId(),
                created.durationSeconds(), created.activeFrom(), created.dstPolicy(), created.jobTemplate(), created.options(),
                created.metadata()));
        RuleChangeProposed sample = EventSamples.ruleChangeProposed();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RuleChangeProposed proposed = new RuleChangeProposed(ChangeRequestId.of(id), RULE, 0, now, now.plus(Duration.ofHours(1)),
                sample.instruction(), sample.change(), "Afternoons suit the team", sample.description(), sample.before(), sample.after(),
                List.of(new RuleChangeWarning("drops_imminent", "the change drops the run at 10:00")));
        readModels.given(proposed);
        return proposed;
    }

    @Test
    void listsARulesOpenProposalsWithWhatTheirProposerWasShown() {
        proposeAgainstTheRule("chg-1");

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", RULE.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo("rule-weekly")
                .jsonPath("$.rule_version").isEqualTo(0)
                .jsonPath("$.change_requests.length()").isEqualTo(1)
                .jsonPath("$.change_requests[0].id").isEqualTo("chg-1")
                .jsonPath("$.change_requests[0].status").isEqualTo("proposed")
                .jsonPath("$.change_requests[0].version").isEqualTo(0)
                .jsonPath("$.change_requests[0].instruction").isEqualTo("move to 14:00")
                .jsonPath("$.change_requests[0].patch.action").isEqualTo("update")
                .jsonPath("$.change_requests[0].patch.rrule.dtstart").isEqualTo("2026-12-01T14:00:00")
                .jsonPath("$.change_requests[0].patch.cron").doesNotExist()
                .jsonPath("$.change_requests[0].reason").isEqualTo("Afternoons suit the team")
                .jsonPath("$.change_requests[0].after.occurrences[0].start").isEqualTo("2027-01-29T19:00:00Z")
                .jsonPath("$.change_requests[0].after.occurrences[0].local_start").isEqualTo("2027-01-29T14:00-05:00")
                .jsonPath("$.change_requests[0].warnings[0].rule").isEqualTo("drops_imminent")
                .jsonPath("$.change_requests[0].proposed_by").isEqualTo("tester");
    }

    @Test
    void aDecidedProposalLeavesTheListAndShowsItsDecision() {
        proposeAgainstTheRule("chg-2");
        readModels.given(new RuleChangeConfirmed(ChangeRequestId.of("chg-2"), RULE, Instant.now(), 1));

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", RULE.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.change_requests.length()").isEqualTo(0);
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}", RULE.value(), "chg-2")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("confirmed")
                .jsonPath("$.applied_rule_version").isEqualTo(1)
                .jsonPath("$.decided_by").isEqualTo("tester");
    }

    /**
     * The rule's queue has grants: mia manages it, alice views it. tester proposed the change and created the rule, but
     * only views the queue now, so may only withdraw it. Once decided, nothing is offered.
     */
    @Test
    void aProposalOffersConfirmAndRejectToWhoeverMayChangeTheRuleAndRejectToItsProposer() {
        proposeAgainstTheRule("chg-acts");
        readModels.given(new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("mia"),
                CalendarRole.MANAGER, null));
        readModels.given(new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null));
        readModels.given(new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("tester"), CalendarRole.VIEWER, null));
        String path = "/api/v1/schedules/rules/rule-weekly/change-requests/chg-acts";

        assertThat(actionsAs("mia")).containsExactly("confirm POST " + path + "/confirm", "reject POST " + path + "/reject");
        assertThat(actionsAs(null)).as("the development admin").containsExactly("confirm POST " + path + "/confirm",
                "reject POST " + path + "/reject");
        assertThat(actionsAs("tester")).containsExactly("reject POST " + path + "/reject");
        assertThat(actionsAs("alice")).isEmpty();
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", RULE.value()).header("X-Almanac-User", "mia")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.change_requests[0].actions[0].path").isEqualTo(path + "/confirm");

        readModels.given(new RuleChangeConfirmed(ChangeRequestId.of("chg-acts"), RULE, Instant.now(), 1));
        assertThat(actionsAs("mia")).isEmpty();
    }

    /** The change request's actions as {@code user} reads them ("name METHOD path"); as the development admin when null. */
    private List<String> actionsAs(@Nullable String user) {
        WebTestClient.RequestHeadersSpec<?> request = client.get()
                .uri("/api/v1/schedules/rules/{id}/change-requests/{change}", RULE.value(), "chg-acts");
        if (user != null) {
            request = request.header("X-Almanac-User", user);
        }
        byte[] body = request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        List<String> actions = new ArrayList<>();
        JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8)).path("actions").forEach(action ->
                actions.add(action.path("name").asString() + " " + action.path("method").asString() + " " + action.path("path").asString()));
        return actions;
    }

    @Test
    void aProposalMadeBeforeTheRuleChangedIsSupersededAndNotListed() {
        proposeAgainstTheRule("chg-3");
        readModels.given(new RuleDisabled(RULE, Instant.now(), "frozen"));

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", RULE.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rule_version").isEqualTo(1)
                .jsonPath("$.change_requests.length()").isEqualTo(0);
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}", RULE.value(), "chg-3")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("superseded");
    }

    @Test
    void anExpiredProposalIsNotListed() {
        proposeAgainstTheRule("chg-ok");
        RuleChangeProposed sample = EventSamples.ruleChangeProposed();
        Instant past = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        readModels.given(new RuleChangeProposed(ChangeRequestId.of("chg-old"), RULE, 0, past, past.plus(Duration.ofHours(1)), null,
                RuleChange.resume(), null, "Resume the rule now", sample.before(), sample.after(), List.of()));

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", RULE.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.change_requests.length()").isEqualTo(1)
                .jsonPath("$.change_requests[0].id").isEqualTo("chg-ok");
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}", RULE.value(), "chg-old")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("expired");
    }

    @Test
    void aReadWithTheProposalsTokenSeesIt() {
        proposeAgainstTheRule("chg-4");

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}?consistency_token={token}", RULE.value(), "chg-4",
                        ConsistencyToken.changeRequest("chg-4", 0).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Almanac-Consistency", "fresh");
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}?consistency_token={token}", RULE.value(), "chg-4",
                        ConsistencyToken.changeRequest("chg-4", 1).encode())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Almanac-Consistency", "stale");
    }

    @Test
    void unknownRulesAndProposalsAndMalformedIdsAreProblems() {
        proposeAgainstTheRule("chg-5");

        client.get().uri("/api/v1/schedules/rules/{id}/change-requests", "rule-none")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}", "rule-other", "chg-5")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("change_request_id");
        client.get().uri("/api/v1/schedules/rules/{id}/change-requests/{change}", RULE.value(), "bad id!")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("change_request_id");
    }
}
