package dev.almanac.query.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * The detailed day lists a rule's occurrences computed from the rule (ADR 0068), with the ids and instants rule-expander
 * gives them; rule-expander's records for them, fed as well, change nothing.
 */
@QueryApiTest
class DetailedDayRuleOccurrencesApiTest extends ReadModelApiTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final String DETAILED = "/api/v1/schedules/detailed?date=" + DAY + "&timezone=Asia/Kathmandu&limit=1000";

    private final RuleCreated hourly = RecurringRules.rule("rule-hourly", "cal-a", "7 * * * *", KATHMANDU, ACTIVE_FROM, 900);

    @Test
    void listsARulesOccurrencesAsRuleExpanderGivesThemAndTheSameOnceItsRecordsArrive() {
        // Both answers at one instant: the rule's next_run moves on as its hourly runs pass, and may between them.
        clock.pin(Instant.now());
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, ACTIVE_FROM, Instant.parse("2026-03-01T00:00:00Z"));

        String beyond = body(DETAILED);
        JsonNode day = new ObjectMapper().readTree(beyond);
        List<String> ids = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        day.get("jobs").forEach(job -> {
            ids.add(job.get("id").asString());
            starts.add(Instant.parse(job.get("metadata").get("ends_at").asString()).minus(RecurringRules.LENGTH).toString());
        });
        List<Occurrence> expected = startingOnTheDay();
        assertThat(ids).isEqualTo(expected.stream().map(occurrence -> occurrence.id().value()).toList());
        assertThat(starts).isEqualTo(expected.stream().map(occurrence -> occurrence.start().toString()).toList());
        assertThat(day.get("total_jobs").asInt()).isEqualTo(24);
        assertThat(day.get("recurring_rules").get(0).get("id").asString()).isEqualTo("rule-hourly");
        assertThat(day.get("jobs").get(0).get("source").asString()).isEqualTo("recurring_rule");
        day.get("jobs").forEach(job -> assertThat(JsonSchemas.f033Errors("ScheduledJob", job.toString())).isEmpty());

        materialise(hourly, 0, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(body(DETAILED)).as("the same day once rule-expander's records arrived").isEqualTo(beyond);
    }

    @Test
    void aPausedRuleListsNothingDuringThePause() {
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, ACTIVE_FROM, Instant.parse("2026-03-01T00:00:00Z"));
        readModels.given(new RulePaused(hourly.ruleId(), Instant.parse("2026-06-01T00:00:00Z"), null, "venue closed"));

        JsonNode day = new ObjectMapper().readTree(body(DETAILED));

        assertThat(day.get("total_jobs").asInt()).isZero();
    }

    private List<Occurrence> startingOnTheDay() {
        Instant start = DAY.atStartOfDay(KATHMANDU).toInstant();
        Instant end = DAY.plusDays(1).atStartOfDay(KATHMANDU).toInstant();
        return RecurrenceExpander.expand(RecurrenceSpec.of(hourly), start.minusSeconds(3600), end, 1000).occurrences().stream()
                .filter(occurrence -> !occurrence.start().isBefore(start) && occurrence.start().isBefore(end))
                .toList();
    }


    private String body(String uri) {
        byte[] body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }
}
