package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** {@code GET /api/v1/schedules/rules}: the rules list, its filters, its pages and the actions beside its rules. */
@QueryApiTest
class RuleListApiTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The sample rule under another id, queue and owner. */
    private static RuleCreated rule(String id, String queue, String owner) {
        RuleCreated sample = EventSamples.ruleCreated();
        return new RuleCreated(RuleId.of(id), sample.name() + " " + id, sample.cron(), sample.timezone(), CalendarId.of(queue),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                new RuleMetadata(owner, null, List.of()), null, null);
    }

    private JsonNode list(String query) {
        return list(query, null);
    }

    /** The list as {@code user} reads it; as the development admin when null. */
    private JsonNode list(String query, @Nullable String user) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/v1/schedules/rules" + query);
        if (user != null) {
            request = request.header("X-Almanac-User", user);
        }
        byte[] body = request
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("rules").forEach(rule -> ids.add(rule.get("id").asString()));
        return ids;
    }

    @Test
    void listsEveryRuleByIdInTheSeedsRecurringRuleShape() {
        readModels.given(rule("rule-c", "cal-a", "ops"), rule("rule-a", "cal-b", "ops"), rule("rule-b", "cal-a", "finance"));
        // A rule seen only through a lifecycle event has no definition to show, and is not listed.
        readModels.given(new RulePaused(RuleId.of("rule-unseen"), Instant.parse("2026-11-21T10:00:00Z"), null, null));

        JsonNode page = list("");

        assertThat(ids(page)).containsExactly("rule-a", "rule-b", "rule-c");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.has("next_cursor")).isFalse();
        assertThat(page.get("rules").get(0).get("options").get("catchup_policy").asString()).as("catchup false: none").isEqualTo("none");
        page.get("rules").forEach(rule -> assertThat(JsonSchemas.f033Errors("RecurringRule", rule.toString()))
                .as("%s", rule.get("id")).isEmpty());
    }

    @Test
    void filtersByQueueOwnerAndCreatorTogether() {
        readModels.given(rule("rule-c", "cal-a", "ops"), rule("rule-a", "cal-b", "ops"), rule("rule-b", "cal-a", "finance"));

        assertThat(ids(list("?queue=cal-a"))).containsExactly("rule-b", "rule-c");
        assertThat(ids(list("?owner=ops"))).containsExactly("rule-a", "rule-c");
        assertThat(ids(list("?queue=cal-a&owner=ops"))).containsExactly("rule-c");
        assertThat(ids(list("?created_by=tester&owner=finance"))).containsExactly("rule-b");
        assertThat(ids(list("?created_by=someone-else"))).isEmpty();
        assertThat(list("?queue=cal-none").get("total").asInt()).isZero();
    }

    @Test
    void aRuleMovedToAnotherQueueLeavesTheOldQueuesList() {
        RuleCreated created = rule("rule-a", "cal-a", "ops");
        RuleUpdated moved = new RuleUpdated(created.ruleId(), Instant.parse("2026-11-22T10:00:00Z"), created.name(), created.cron(),
                null, null, created.timezone(), CalendarId.of("cal-b"), created.durationSeconds(), created.dstPolicy(),
                created.jobTemplate(), created.options(), new RuleMetadata("finance", null, List.of()));
        readModels.given(created, moved);

        assertThat(ids(list("?queue=cal-a"))).isEmpty();
        assertThat(ids(list("?owner=ops"))).isEmpty();
        assertThat(ids(list("?queue=cal-b&owner=finance"))).containsExactly("rule-a");
        assertThat(list("?queue=cal-b").get("rules").get(0).get("queue").asString()).isEqualTo("cal-b");
    }

    @Test
    void filtersByTheStatusAsTheRuleStandsNow() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated spent = new RuleCreated(RuleId.of("rule-spent"), sample.name(), "", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, new RecurrenceRule("FREQ=DAILY;COUNT=3", LocalDateTime.parse("2026-01-01T10:00:00"),
                List.of(), List.of()));
        readModels.given(rule("rule-active", "cal-a", "ops"), rule("rule-paused", "cal-a", "ops"),
                rule("rule-lapsed", "cal-a", "ops"), rule("rule-deleted", "cal-a", "ops"), spent,
                new RulePaused(RuleId.of("rule-paused"), Instant.parse("2026-11-21T10:00:00Z"), null, null),
                new RulePaused(RuleId.of("rule-lapsed"), Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"), null),
                new RuleDeleted(RuleId.of("rule-deleted"), Instant.parse("2026-11-22T10:00:00Z")));

        assertThat(ids(list("?status=active"))).containsExactly("rule-active", "rule-lapsed");
        assertThat(ids(list("?status=paused"))).containsExactly("rule-paused");
        assertThat(ids(list("?status=disabled"))).containsExactly("rule-deleted");
        assertThat(ids(list("?status=expired"))).containsExactly("rule-spent");
        assertThat(ids(list("?status=EXPIRED&queue=" + sample.calendarId()))).containsExactly("rule-spent");
        list("?status=paused").get("rules").forEach(rule -> assertThat(rule.get("status").asString()).isEqualTo("paused"));
    }

    @Test
    void pagesFollowTheCursorUntilNoneIsLeft() {
        for (int i = 0; i < 7; i++) {
            readModels.given(rule("rule-" + i, "cal-a", "ops"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("total").asInt()).isEqualTo(7);
            seen.addAll(ids(page));
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("rule-0", "rule-1", "rule-2", "rule-3", "rule-4", "rule-5", "rule-6");
    }

    /** Each rule's action names, by rule id, as the page carries them beside its rules. */
    private static Map<String, List<String>> actionNames(JsonNode page) {
        Map<String, List<String>> byRule = new TreeMap<>();
        page.get("actions").properties().forEach(entry -> {
            List<String> names = new ArrayList<>();
            entry.getValue().forEach(action -> names.add(action.get("name").asString()));
            byRule.put(entry.getKey(), names);
        });
        return byRule;
    }

    @Test
    void eachRuleIsOfferedTheCommandsItsStatusTakesBesideTheRulesClosedShape() {
        readModels.given(rule("rule-active", "cal-a", "ops"), rule("rule-paused", "cal-a", "ops"), rule("rule-lapsed", "cal-a", "ops"),
                rule("rule-disabled", "cal-a", "ops"), rule("rule-deleted", "cal-a", "ops"),
                new RulePaused(RuleId.of("rule-paused"), Instant.parse("2026-11-21T10:00:00Z"), null, null),
                new RulePaused(RuleId.of("rule-lapsed"), Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"), null),
                new RuleDisabled(RuleId.of("rule-disabled"), Instant.parse("2026-11-22T10:00:00Z"), null),
                new RuleDeleted(RuleId.of("rule-deleted"), Instant.parse("2026-11-22T10:00:00Z")));

        JsonNode page = list("");

        assertThat(actionNames(page)).containsExactly(
                Map.entry("rule-active", List.of("run_now", "skip_next", "pause", "disable", "request_change")),
                Map.entry("rule-deleted", List.of()),
                Map.entry("rule-disabled", List.of("enable")),
                Map.entry("rule-lapsed", List.of("run_now", "skip_next", "pause", "disable", "request_change")),
                Map.entry("rule-paused", List.of("run_now", "resume", "disable", "request_change")));
        JsonNode pause = page.get("actions").get("rule-active").get(2);
        assertThat(pause.get("method").asString()).isEqualTo("POST");
        assertThat(pause.get("path").asString()).isEqualTo("/api/v1/schedules/rules/rule-active/pause");
        assertThat(pause.has("body")).isFalse();
        page.get("rules").forEach(rule -> assertThat(JsonSchemas.f033Errors("RecurringRule", rule.toString()))
                .as("%s", rule.get("id")).isEmpty());
    }

    /**
     * cal-a has grants: alice views it, sam and tester (who created every rule here, Received's actor) schedule on it, mia
     * manages it. cal-b has none.
     */
    @Test
    void aRuleIsChangedByItsCreatorOrItsQueuesManagerAndAChangeIsRequestedByAnyoneWhoSeesIt() {
        readModels.given(grant("alice", CalendarRole.VIEWER), grant("sam", CalendarRole.SCHEDULER), grant("tester", CalendarRole.SCHEDULER),
                grant("mia", CalendarRole.MANAGER), rule("rule-a", "cal-a", "ops"), rule("rule-b", "cal-b", "ops"),
                rule("rule-off", "cal-a", "ops"), new RuleDisabled(RuleId.of("rule-off"), Instant.parse("2026-11-22T10:00:00Z"), null));
        List<String> everything = List.of("run_now", "skip_next", "pause", "disable", "request_change");

        assertThat(actionNames(list("", "alice"))).containsExactly(Map.entry("rule-a", List.of("request_change")),
                Map.entry("rule-b", everything), Map.entry("rule-off", List.of()));
        assertThat(actionNames(list("", "sam"))).containsExactly(Map.entry("rule-a", List.of("request_change")),
                Map.entry("rule-b", everything), Map.entry("rule-off", List.of()));
        for (String changer : List.of("tester", "mia")) {
            assertThat(actionNames(list("", changer))).as(changer).containsExactly(Map.entry("rule-a", everything),
                    Map.entry("rule-b", everything), Map.entry("rule-off", List.of("enable")));
        }
        // carol has no role on cal-a and does not see its rules.
        assertThat(actionNames(list("", "carol"))).containsExactly(Map.entry("rule-b", everything));
    }

    private static CalendarAccessGranted grant(String user, CalendarRole role) {
        return new CalendarAccessGranted(CalendarId.of("cal-a"), UserId.of(user), role, null);
    }

    @Test
    void badParametersAreAllNamedInOneProblem() {
        client.get().uri("/api/v1/schedules/rules?status=sleeping&limit=0&cursor=not-ours&queue=bad id")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(4)
                .jsonPath("$.errors[?(@.field == 'status')].rule").isEqualTo("one_of")
                .jsonPath("$.errors[?(@.field == 'limit')].rule").isEqualTo("range")
                .jsonPath("$.errors[?(@.field == 'cursor')].rule").isEqualTo("format")
                .jsonPath("$.errors[?(@.field == 'queue')].rule").isEqualTo("format");
        client.get().uri("/api/v1/schedules/rules?owner={owner}", "x".repeat(129))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("owner")
                .jsonPath("$.errors[0].rule").isEqualTo("size");
    }
}
