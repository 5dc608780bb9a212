package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * A window reaching a year ahead counts every rule occurrence, computed from the rule's timeline with
 * the ids and instants rule-expander gives them (ADR 0068), so the window does not change as
 * rule-expander's records of them arrive: they are skipped.
 */
@QueryApiTest
class RuleOccurrencesWindowApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final String YEAR = "from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z";

    private final RuleCreated everyFiveMinutes = RecurringRules.rule("rule-5m", "cal-k", "*/5 * * * *", KOLKATA, ACTIVE_FROM, 0);
    private final RuleCreated nightly = RecurringRules.rule("rule-night", "cal-ny", "30 2 * * *", NEW_YORK, ACTIVE_FROM, 600);

    @Test
    void aYearLongWindowCountsEveryOccurrenceAsTheExpansionGivesIt() {
        givenRulesMaterialisedUntil(Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

        String all = body(YEAR + "&timezone=Asia/Kolkata&granularity=day");
        Map<LocalDate, Long> expected = expectedByDay(KOLKATA, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), null, any -> true);
        assertThat(jobCountsByDay(all)).isEqualTo(expected);
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).as("a year of every 5 minutes and a nightly run").isEqualTo(365 * 288 + 365);
        JsonNode window = new ObjectMapper().readTree(all);
        assertThat(window.get("summary").get("total_jobs").asLong()).isEqualTo(total);
        long seconds = 0;
        long nightlyRuns = 0;
        for (JsonNode bucket : window.get("buckets")) {
            seconds += bucket.get("estimated_duration").asLong();
            nightlyRuns += bucket.get("job_types").path("job-rule-night").asLong(0);
        }
        assertThat(seconds).isEqualTo(total * 300);
        assertThat(nightlyRuns).isEqualTo(365);
        assertThat(JsonSchemas.f033Errors("ScheduleWindow", all)).isEmpty();

        String newYork = body(YEAR + "&timezone=America/New_York&granularity=day&queue=cal-ny");
        assertThat(jobCountsByDay(newYork))
                .isEqualTo(expectedByDay(NEW_YORK, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), "cal-ny", any -> true));
    }

    /**
     * Materialising more days (across New York's spring-forward, where 02:30 does not exist, and
     * with a jitter) moves occurrences from computed to stored and changes nothing in any window,
     * including one whose first slot {@code from} cuts.
     */
    @Test
    void theWindowIsTheSameBeforeAndAfterRuleExpandersRecordsArrive() {
        givenRulesMaterialisedUntil(Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z"));
        List<String> windows = List.of(
                YEAR + "&timezone=Asia/Kolkata&granularity=day",
                YEAR + "&timezone=America/New_York&granularity=week&queue=cal-ny",
                "from=2026-03-05T12:07:00Z&till=2026-03-10T00:00:00Z&timezone=America/New_York&granularity=hour",
                "from=2026-03-05T12:07:00Z&till=2026-03-10T00:00:00Z&timezone=Asia/Kathmandu&granularity=hour&queue=cal-k",
                YEAR + "&timezone=UTC&granularity=day&type=job-rule-night");
        List<String> before = windows.stream().map(this::body).toList();

        materialise(everyFiveMinutes, 0, Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-03-06T10:02:30Z"));
        materialise(nightly, 0, Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-03-08T07:30:00Z"));
        List<String> halfway = windows.stream().map(this::body).toList();
        materialise(everyFiveMinutes, 0, Instant.parse("2026-03-06T10:02:30Z"), Instant.parse("2026-03-12T00:00:00Z"));
        materialise(nightly, 0, Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-12T00:00:00Z"));
        List<String> after = windows.stream().map(this::body).toList();

        assertThat(halfway).isEqualTo(before);
        assertThat(after).isEqualTo(before);
        assertThat(jobCountsByDay(after.get(0)))
                .isEqualTo(expectedByDay(KOLKATA, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), null, any -> true));
    }

    /**
     * A pause withdraws the occurrences from its start until its resume_after, as rule-expander's
     * retraction does; a deletion withdraws everything from it on, and history before it stays.
     */
    @Test
    void honoursPausesAndDeletions() {
        givenRulesMaterialisedUntil(Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
        Instant pausedAt = Instant.parse("2026-01-02T00:00:00Z");
        Instant resumeAfter = Instant.parse("2026-09-01T00:00:00Z");
        readModels.given(new RulePaused(everyFiveMinutes.ruleId(), pausedAt, resumeAfter, "maintenance"));
        retract(everyFiveMinutes, 1, pausedAt, Instant.parse("2026-01-03T00:00:00Z"), RetractionReason.RULE_PAUSED);
        Instant deletedAt = Instant.parse("2026-02-01T00:00:00Z");
        readModels.given(new RuleDeleted(nightly.ruleId(), deletedAt));
        retract(nightly, 1, deletedAt, Instant.parse("2026-04-01T00:00:00Z"), RetractionReason.RULE_DELETED);

        Map<LocalDate, Long> expected = new TreeMap<>(expectedByDay(KOLKATA, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), "cal-k",
                occurrence -> occurrence.start().isBefore(pausedAt) || !occurrence.start().isBefore(resumeAfter)));
        expectedByDay(KOLKATA, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), "cal-ny", occurrence -> occurrence.start().isBefore(deletedAt))
                .forEach((day, count) -> expected.merge(day, count, Long::sum));

        assertThat(jobCountsByDay(body(YEAR + "&timezone=Asia/Kolkata&granularity=day"))).isEqualTo(expected);
        assertThat(jobCountsByDay(body(YEAR + "&timezone=Asia/Kolkata&granularity=day&queue=cal-ny")))
                .as("the deleted rule: only what ran before its deletion")
                .isEqualTo(expectedByDay(KOLKATA, ACTIVE_FROM, Instant.parse("2027-01-01T00:00:00Z"), "cal-ny",
                        occurrence -> occurrence.start().isBefore(deletedAt)));
    }

    private void givenRulesMaterialisedUntil(Instant fiveMinutesUntil, Instant nightlyUntil) {
        readModels.given(ReadModelFixture.calendar("cal-k", KOLKATA), ReadModelFixture.calendar("cal-ny", NEW_YORK), everyFiveMinutes, nightly);
        materialise(everyFiveMinutes, 0, ACTIVE_FROM, fiveMinutesUntil);
        materialise(nightly, 0, ACTIVE_FROM, nightlyUntil);
    }

    /** What rule-expander retracts for a pause or deletion: the materialised occurrences starting from {@code from}. */
    private void retract(RuleCreated rule, long ruleVersion, Instant from, Instant materialisedUntil, RetractionReason reason) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (OccurrenceMaterialized occurrence : RecurringRules.materialised(rule, 0, ACTIVE_FROM, materialisedUntil)) {
            if (!occurrence.start().isBefore(from)) {
                batch.add(projections.decide(Received.of(new OccurrenceRetracted(occurrence.occurrenceId(), rule.ruleId(), ruleVersion,
                        rule.calendarId(), occurrence.start(), occurrence.end(), reason), ruleVersion)));
            }
        }
        projections.applyNow(batch);
    }

    /** The occurrences of the test's rules (of one calendar, or both) that start in {@code [from, till)}, per local day of {@code zone}. */
    private Map<LocalDate, Long> expectedByDay(ZoneId zone, Instant from, Instant till, String calendarId, Predicate<Occurrence> runs) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (RuleCreated rule : List.of(everyFiveMinutes, nightly)) {
            if (calendarId != null && !rule.calendarId().value().equals(calendarId)) {
                continue;
            }
            for (Occurrence occurrence : RecurrenceExpander.expand(RecurrenceSpec.of(rule), rule.activeFrom(), till, 10_000_000).occurrences()) {
                if (!occurrence.start().isBefore(from) && occurrence.start().isBefore(till) && runs.test(occurrence)) {
                    counts.merge(LocalDate.ofInstant(occurrence.start(), zone), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Map<LocalDate, Long> jobCountsByDay(String window) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (JsonNode bucket : new ObjectMapper().readTree(window).get("buckets")) {
            long count = bucket.get("job_count").asLong();
            if (count > 0) {
                counts.put(OffsetDateTime.parse(bucket.get("local_time").asString()).toLocalDate(), count);
            }
        }
        return counts;
    }

    private String body(String query) {
        return client.get().uri("/api/v1/schedules/window?" + query).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

}
