package dev.almanac.query.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class CalendarScheduleApiTest extends ReadModelApiTest {

    private static final String BALLROOM = EventSamples.BALLROOM.value();
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    @Test
    void aMonthHasEveryLocalDayWithItsCountsBadgesAndEntries() {
        ConflictDetected detected = EventSamples.conflictDetected();
        ConflictDetected other = new ConflictDetected(ConflictId.of("conflict-cleared"), detected.calendarId(), detected.type(),
                detected.level(), Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:00:00Z"), 1, 2, detected.entries());
        readModels.given(ReadModelFixture.calendar(BALLROOM, KATHMANDU),
                // 2026-11-30T18:15Z is the first instant of 1 December in Kathmandu (+5:45).
                ReadModelFixture.item("item-first", BALLROOM, "meeting", Instant.parse("2026-11-30T18:15:00Z"), Duration.ofMinutes(30)),
                ReadModelFixture.item("item-before", BALLROOM, "meeting", Instant.parse("2026-11-30T18:14:00Z"), Duration.ofMinutes(30)),
                ReadModelFixture.item("item-long", BALLROOM, "review", Instant.parse("2026-12-10T12:00:00Z"), Duration.ofHours(30)),
                ReadModelFixture.item("item-last", BALLROOM, "meeting", Instant.parse("2026-12-31T18:14:00Z"), Duration.ofMinutes(30)),
                ReadModelFixture.item("item-next-month", BALLROOM, "meeting", Instant.parse("2026-12-31T18:15:00Z"), Duration.ofMinutes(30)),
                detected, other, new ConflictCleared(other.conflictId(), other.calendarId(), "moved"));

        byte[] body = client.get().uri("/api/v1/calendars/{id}/monthly?date=2026-12-17", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(BALLROOM)
                .jsonPath("$.view").isEqualTo("month")
                .jsonPath("$.timezone").isEqualTo("Asia/Kathmandu")
                .jsonPath("$.from").isEqualTo("2026-11-30T18:15:00Z")
                .jsonPath("$.till").isEqualTo("2026-12-31T18:15:00Z")
                .jsonPath("$.total_jobs").isEqualTo(3)
                .jsonPath("$.truncated").isEqualTo(false)
                .jsonPath("$.display_hours").doesNotExist()
                .jsonPath("$.days.length()").isEqualTo(31)
                .returnResult().getResponseBody();

        JsonNode days = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8)).get("days");
        assertThat(days.get(0).get("date").asString()).isEqualTo("2026-12-01");
        // item-before overlaps 1 December but starts on 30 November: listed, not counted.
        assertThat(ids(days.get(0))).containsExactly("item-before", "item-first");
        assertThat(days.get(0).get("job_count").asLong()).isEqualTo(1);
        assertThat(days.get(0).get("job_types").get("meeting").asLong()).isEqualTo(1);
        assertThat(days.get(0).get("estimated_duration").asLong()).isEqualTo(1800);
        // The sample conflict starts 2026-12-01T15:30Z, 21:15 in Kathmandu; the cleared one earns no badge.
        assertThat(days.get(0).get("conflict_ids").get(0).asString()).isEqualTo(detected.conflictId().value());
        assertThat(days.get(2).get("conflict_ids")).isEmpty();
        // A 30-hour entry is on every day it overlaps and counts on its start day only.
        assertThat(ids(days.get(9))).containsExactly("item-long");
        assertThat(ids(days.get(10))).containsExactly("item-long");
        assertThat(days.get(9).get("job_count").asLong()).isEqualTo(1);
        assertThat(days.get(10).get("job_count").asLong()).isZero();
        assertThat(days.get(9).get("entries").get(0).get("local_start").asString()).isEqualTo("2026-12-10T17:45:00+05:45");
        assertThat(ids(days.get(30))).containsExactly("item-last");
    }

    /** Run-state overlays (OPS-STATUS): each entry carries its latest reported run, a later attempt over an earlier one. */
    @Test
    void eachEntryCarriesItsLatestRun() {
        RunStarted secondAttempt = new RunStarted(RunId.of("run-review-2"), EventSamples.BALLROOM, EntryKind.ITEM,
                EventSamples.REVIEW.value(), 2, Instant.parse("2026-12-01T16:01:00Z"), "worker-2");
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled(), secondAttempt, EventSamples.runFailed(),
                ReadModelFixture.item("item-quiet", EventSamples.BALLROOM.value(), "meeting", Instant.parse("2026-12-01T18:00:00Z"),
                        Duration.ofHours(1)));

        client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-01", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].entries[0].id").isEqualTo(EventSamples.REVIEW.value())
                .jsonPath("$.days[0].entries[0].run.status").isEqualTo("running")
                .jsonPath("$.days[0].entries[0].run.attempt").isEqualTo(2)
                .jsonPath("$.days[0].entries[0].run.run_id").isEqualTo("run-review-2")
                .jsonPath("$.days[0].entries[0].run.executor").isEqualTo("worker-2")
                .jsonPath("$.days[0].entries[0].run.entry_id").doesNotExist()
                .jsonPath("$.days[0].entries[1].id").isEqualTo("item-quiet")
                .jsonPath("$.days[0].entries[1].run").doesNotExist();
    }

    /**
     * OPS-STATUS's overlays in one day: each entry's latest run, scheduled where none was reported, and
     * the occurrences that a paused or disabled rule holds back, listed but not counted. A deleted
     * rule's are gone. Every occurrence is computed from its rule (ADR 0068): the one rule-expander's record
     * is fed for changes nothing, and the rule without one shows its occurrence all the same.
     */
    @Test
    void everyEntryShowsItsRunStateAndPausedAndDisabledRulesShowWhatTheyHoldBack() {
        Instant paused = Instant.parse("2026-11-22T00:00:00Z");
        RuleCreated ran = rule("rule-ran", "0 9 * * *");
        RuleCreated pausedRule = rule("rule-paused", "0 10 * * *");
        RuleCreated disabledRule = rule("rule-disabled", "0 11 * * *");
        RuleCreated deletedRule = rule("rule-deleted", "0 12 * * *");
        RuleCreated beyond = rule("rule-beyond", "0 13 * * *");
        Instant ranAt = Instant.parse("2026-12-02T14:00:00Z");
        readModels.given(EventSamples.calendarCreated(), ran, pausedRule, disabledRule, deletedRule, beyond,
                materialised(ran, ranAt),
                new RunSucceeded(RunId.of("run-ran"), EventSamples.BALLROOM, EntryKind.OCCURRENCE, OccurrenceId.of(ran.ruleId(), ranAt).value(),
                        1, ranAt.plusSeconds(60), "worker-1", null),
                new RulePaused(pausedRule.ruleId(), paused, null, "maintenance"),
                new RuleDisabled(disabledRule.ruleId(), paused, "frozen"),
                new RuleDeleted(deletedRule.ruleId(), paused),
                ReadModelFixture.item("item-running", BALLROOM, "meeting", Instant.parse("2026-12-02T20:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-failed", BALLROOM, "meeting", Instant.parse("2026-12-02T21:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-quiet", BALLROOM, "meeting", Instant.parse("2026-12-02T22:00:00Z"), Duration.ofHours(1)),
                new RunStarted(RunId.of("run-running"), EventSamples.BALLROOM, EntryKind.ITEM, "item-running", 1,
                        Instant.parse("2026-12-02T20:00:05Z"), "worker-2"),
                new RunFailed(RunId.of("run-failed"), EventSamples.BALLROOM, EntryKind.ITEM, "item-failed", 1,
                        Instant.parse("2026-12-02T21:00:09Z"), "worker-3", "out of memory"));

        client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-02&timezone=America/New_York", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].job_count").isEqualTo(5)
                .jsonPath("$.days[0].entries[*].id").isEqualTo(List.of(OccurrenceId.of(ran.ruleId(), ranAt).value(),
                        occurrenceId(pausedRule, "2026-12-02T15:00:00Z"), occurrenceId(disabledRule, "2026-12-02T16:00:00Z"),
                        occurrenceId(beyond, "2026-12-02T18:00:00Z"), "item-running", "item-failed", "item-quiet"))
                .jsonPath("$.days[0].entries[*].run_state").isEqualTo(List.of("succeeded", "paused", "disabled", "scheduled", "running",
                        "failed", "scheduled"))
                .jsonPath("$.days[0].entries[0].run.run_id").isEqualTo("run-ran")
                .jsonPath("$.days[0].entries[1].rule_id").isEqualTo("rule-paused")
                .jsonPath("$.days[0].entries[1].title").isEqualTo(pausedRule.name())
                .jsonPath("$.days[0].entries[1].end").isEqualTo("2026-12-02T15:15:00Z")
                .jsonPath("$.days[0].entries[1].run").doesNotExist();
    }

    /**
     * An occurrence rule-expander found missed (OccurrenceMissed, ADR 0023) shows run_state missed in
     * every view, with a run that has no run id and says when it was found; the rule's next
     * occurrence, with no run, is scheduled.
     */
    @Test
    void anOccurrenceFoundMissedShowsMissedInEveryView() {
        RuleCreated nightly = rule("rule-nightly-report", "0 2 * * *");
        Instant missedStart = Instant.parse("2026-12-02T07:00:00Z");
        OccurrenceMaterialized missedOne = materialised(nightly, missedStart);
        OccurrenceMaterialized nextOne = materialised(nightly, Instant.parse("2026-12-03T07:00:00Z"));
        Instant detectedAt = missedStart.plus(Duration.ofMinutes(6));
        readModels.given(EventSamples.calendarCreated(), nightly, missedOne, nextOne,
                new OccurrenceMissed(missedOne.occurrenceId(), nightly.ruleId(), 0, EventSamples.BALLROOM, missedStart, missedStart,
                        missedOne.end(), detectedAt, null));

        String missedEntry = "$.days[*].entries[?(@.id == '" + missedOne.occurrenceId().value() + "')]";
        for (String period : List.of("daily", "weekly", "monthly")) {
            client.get().uri("/api/v1/calendars/{id}/{period}?date=2026-12-02&timezone=UTC", BALLROOM, period)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath(missedEntry + ".run_state").isEqualTo(List.of("missed"))
                    .jsonPath(missedEntry + ".run.status").isEqualTo(List.of("missed"))
                    .jsonPath(missedEntry + ".run.run_id").isEqualTo(List.of())
                    .jsonPath(missedEntry + ".run.message").isEqualTo(List.of("no run reported by " + detectedAt));
        }
        client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-03&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].entries[0].id").isEqualTo(nextOne.occurrenceId().value())
                .jsonPath("$.days[0].entries[0].run_state").isEqualTo("scheduled");
    }

    /**
     * What a paused rule holds back is its series as it stands (ADR 0023): a cancelled occurrence is
     * not listed, a moved one is listed where it was moved to, not where the schedule put it.
     */
    @Test
    void aPausedRuleHoldsBackItsSeriesWithItsExceptions() {
        RuleCreated everyTwoHours = rule("rule-two-hourly-excepted", "0 */2 * * *");
        Instant cancelled = Instant.parse("2030-06-01T10:00:00Z");
        Instant moved = Instant.parse("2030-06-01T12:00:00Z");
        Instant movedTo = Instant.parse("2030-06-01T12:30:00Z");
        Instant changedAt = Instant.parse("2026-11-21T00:00:00Z");
        readModels.given(EventSamples.calendarCreated(), everyTwoHours,
                new RuleOccurrenceCancelled(everyTwoHours.ruleId(), OccurrenceId.of(everyTwoHours.ruleId(), cancelled), cancelled, changedAt, null),
                new RuleOccurrenceMoved(everyTwoHours.ruleId(), OccurrenceId.of(everyTwoHours.ruleId(), moved), moved, movedTo, changedAt, null),
                new RulePaused(everyTwoHours.ruleId(), Instant.parse("2026-11-22T00:00:00Z"), null, "works"));

        byte[] body = client.get().uri("/api/v1/calendars/{id}/daily?date=2030-06-01&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].entries.length()").isEqualTo(11)
                .returnResult().getResponseBody();

        JsonNode entries = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8)).get("days").get(0).get("entries");
        List<String> starts = entries.valueStream().map(entry -> entry.get("start").asString()).toList();
        assertThat(starts).doesNotContain(cancelled.toString(), moved.toString()).contains(movedTo.toString());
        assertThat(entries.valueStream().map(entry -> entry.get("run_state").asString()).distinct().toList()).containsExactly("paused");
        assertThat(entries.valueStream().filter(entry -> entry.get("start").asString().equals(movedTo.toString()))
                .map(entry -> entry.get("id").asString()).toList()).containsExactly(OccurrenceId.of(everyTwoHours.ruleId(), moved).value());
    }

    /** A pause with a resume_after holds back only what starts before it; from then on the rule's occurrences are scheduled and counted. */
    @Test
    void aPauseWithAnEndHoldsBackOnlyTheOccurrencesBeforeItsResumeAfter() {
        RuleCreated everyTwoHours = rule("rule-two-hourly", "0 */2 * * *");
        readModels.given(EventSamples.calendarCreated(), everyTwoHours,
                new RulePaused(everyTwoHours.ruleId(), Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2030-06-01T16:00:00Z"), "works"));

        byte[] body = client.get().uri("/api/v1/calendars/{id}/daily?date=2030-06-01&timezone=UTC", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].job_count").isEqualTo(4)
                .jsonPath("$.days[0].entries.length()").isEqualTo(12)
                .returnResult().getResponseBody();

        JsonNode entries = JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8)).get("days").get(0).get("entries");
        for (int hour = 0; hour < 24; hour += 2) {
            JsonNode entry = entries.get(hour / 2);
            assertThat(entry.get("start").asString()).isEqualTo(String.format("2030-06-01T%02d:00:00Z", hour));
            assertThat(entry.get("run_state").asString()).as("%02d:00", hour).isEqualTo(hour < 16 ? "paused" : "scheduled");
        }
    }

    @Test
    void aWeekStartsOnMondayOrSundayAndItsFallBackDayHasTwentyFiveHours() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, ZoneId.of("America/New_York")));

        client.get().uri("/api/v1/calendars/{id}/weekly?date=2026-11-04", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.view").isEqualTo("week")
                .jsonPath("$.days.length()").isEqualTo(7)
                .jsonPath("$.days[0].date").isEqualTo("2026-11-02")
                .jsonPath("$.days[6].date").isEqualTo("2026-11-08");
        client.get().uri("/api/v1/calendars/{id}/weekly?date=2026-11-04&week_start=sunday", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days[0].date").isEqualTo("2026-11-01")
                .jsonPath("$.days[0].from").isEqualTo("2026-11-01T04:00:00Z")
                .jsonPath("$.days[0].till").isEqualTo("2026-11-02T05:00:00Z")
                .jsonPath("$.days[1].from").isEqualTo("2026-11-02T05:00:00Z");
    }

    @Test
    void theViewEndpointAnswersEachPeriodAsItsOwnEndpointDoesAndDefaultsToTheConfiguredMonth() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, ZoneId.of("America/New_York")),
                ReadModelFixture.item("item-a", BALLROOM, "meeting", Instant.parse("2026-12-01T20:00:00Z"), Duration.ofHours(1)));

        for (String period : List.of("day", "week", "month")) {
            String own = period.equals("day") ? "daily" : period + "ly";
            byte[] viaView = client.get().uri("/api/v1/calendars/{id}/view?view={view}&date=2026-12-01", BALLROOM, period)
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            byte[] viaOwn = client.get().uri("/api/v1/calendars/{id}/{own}?date=2026-12-01", BALLROOM, own)
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            assertThat(new String(viaView, StandardCharsets.UTF_8)).isEqualTo(new String(viaOwn, StandardCharsets.UTF_8))
                    .contains("\"view\":\"" + period + "\"");
        }
        client.get().uri("/api/v1/calendars/{id}/view?date=2026-12-01", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.view").isEqualTo("month");
        client.get().uri("/api/v1/calendars/{id}/view?view=year&date=2026-13-01", BALLROOM)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("view", "date"))
                .jsonPath("$.errors[0].rule").isEqualTo("one_of");
    }

    @Test
    void aDayViewNamesItsDefaultHoursAndCanBeReadInAnotherZone() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, ZoneId.of("America/New_York")),
                ReadModelFixture.item("item-a", BALLROOM, "meeting", Instant.parse("2026-12-01T20:00:00Z"), Duration.ofHours(1)));

        client.get().uri("/api/v1/calendars/{id}/daily?date=2026-12-02&timezone=Australia/Lord_Howe", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.view").isEqualTo("day")
                .jsonPath("$.timezone").isEqualTo("Australia/Lord_Howe")
                .jsonPath("$.display_hours.from").isEqualTo("06:00")
                .jsonPath("$.display_hours.till").isEqualTo("23:00")
                .jsonPath("$.days.length()").isEqualTo(1)
                .jsonPath("$.days[0].job_count").isEqualTo(1)
                .jsonPath("$.days[0].entries[0].local_start").isEqualTo("2026-12-02T07:00:00+11:00");
    }

    /** The slice caps a view at 20 entries (almanac.query.view-max-entries); the default is 10,000. */
    @Test
    void aPeriodWithMoreEntriesThanTheCapCutsOffTheEntriesButNotTheCounts() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, ZoneId.of("UTC")));
        for (int i = 0; i < 21; i++) {
            readModels.given(ReadModelFixture.item("item-" + i, BALLROOM, "run", Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofDays(i)),
                    Duration.ofHours(1)));
        }

        client.get().uri("/api/v1/calendars/{id}/monthly?date=2026-12-01", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.truncated").isEqualTo(true)
                .jsonPath("$.total_jobs").isEqualTo(21)
                .jsonPath("$.days[20].job_count").isEqualTo(1)
                .jsonPath("$.days[19].entries.length()").isEqualTo(1)
                .jsonPath("$.days[20].entries").isEmpty();
    }

    /**
     * entries=false answers each period's days as the full view does, counts, badges and density alike, without the
     * entries: items, a rule's occurrences, one a pause holds back and a conflict, on a zone with a DST change.
     */
    @Test
    void aViewWithoutEntriesHasTheFullViewsDaysLessTheirEntries() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Kept under the slice's 20 entries a view, so that the full month is not cut off.
        RuleCreated daily = rule("rule-mondays", "0 9 * * 1");
        RuleCreated paused = rule("rule-held", "0 10 * * 3");
        ConflictDetected sample = EventSamples.conflictDetected();
        ConflictDetected overlap = new ConflictDetected(ConflictId.of("conflict-november"), sample.calendarId(), sample.type(),
                sample.level(), Instant.parse("2026-11-03T15:30:00Z"), Instant.parse("2026-11-03T16:00:00Z"), 1, 2, sample.entries());
        readModels.given(ReadModelFixture.calendar(BALLROOM, newYork), daily, paused,
                new RulePaused(paused.ruleId(), Instant.parse("2026-11-21T00:00:00Z"), null, "maintenance"),
                ReadModelFixture.item("item-a", BALLROOM, "meeting", Instant.parse("2026-11-01T05:30:00Z"), Duration.ofHours(30)),
                ReadModelFixture.item("item-b", BALLROOM, "review", Instant.parse("2026-11-03T15:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-c", BALLROOM, "review", Instant.parse("2026-11-03T15:30:00Z"), Duration.ofHours(1)),
                overlap);

        for (String period : List.of("daily", "weekly", "monthly")) {
            JsonNode full = read("/api/v1/calendars/{id}/" + period + "?date=2026-11-03");
            JsonNode counts = read("/api/v1/calendars/{id}/" + period + "?date=2026-11-03&entries=false");

            assertThat(full.get("truncated").asBoolean()).as(period).isFalse();
            assertThat(full.get("days").valueStream().mapToInt(day -> day.get("entries").size()).sum()).as(period).isPositive();
            assertThat(counts.get("days").valueStream().noneMatch(day -> day.has("entries"))).as(period).isTrue();
            assertThat(counts.findValues("conflict_ids").stream().mapToInt(JsonNode::size).sum()).as(period).isEqualTo(1);
            full.get("days").valueStream().forEach(day -> ((ObjectNode) day).remove("entries"));
            assertThat(counts).as(period).isEqualTo(full);
        }
        JsonNode month = read("/api/v1/calendars/{id}/monthly?date=2026-11-03&entries=false");
        assertThat(read("/api/v1/calendars/{id}/view?view=month&date=2026-11-03&entries=FALSE")).isEqualTo(month);
        // The Mondays' occurrences count; the Wednesday's that the pause holds back does not.
        assertThat(month.get("total_jobs").asLong()).isEqualTo(3 + 2);
    }

    /** A view cut off at the slice's 20 entries still has every count; without entries nothing is cut off. */
    @Test
    void aViewWithoutEntriesIsNeverTruncatedAndCountsAsTheTruncatedOneDoes() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, ZoneId.of("UTC")));
        for (int i = 0; i < 25; i++) {
            readModels.given(ReadModelFixture.item("item-" + i, BALLROOM, "run", Instant.parse("2026-12-01T08:00:00Z").plus(Duration.ofDays(i)),
                    Duration.ofHours(1)));
        }

        JsonNode full = read("/api/v1/calendars/{id}/monthly?date=2026-12-01");
        JsonNode counts = read("/api/v1/calendars/{id}/monthly?date=2026-12-01&entries=false");

        assertThat(full.get("truncated").asBoolean()).isTrue();
        assertThat(counts.get("truncated").asBoolean()).isFalse();
        assertThat(counts.get("total_jobs").asLong()).isEqualTo(25).isEqualTo(full.get("total_jobs").asLong());
        for (int i = 0; i < 31; i++) {
            JsonNode day = counts.get("days").get(i);
            assertThat(day.get("job_count")).isEqualTo(full.get("days").get(i).get("job_count"));
            assertThat(day.get("density_level")).isEqualTo(full.get("days").get(i).get("density_level"));
        }
    }

    /**
     * Each day's density_score is the one /schedules/window answers for the calendar over the same days by day, and its
     * density_level that score placed by /calendar/config's thresholds (0.25, 0.5, 0.75): the busiest day, 8 entries,
     * scores 1. A November in New York, whose first day has 25 hours.
     */
    @Test
    void eachDayCarriesTheWindowsDensityScoreAndItsLevel() {
        ZoneId newYork = ZoneId.of("America/New_York");
        readModels.given(ReadModelFixture.calendar(BALLROOM, newYork));
        int[] perDay = {8, 6, 4, 2, 1, 0, 3};
        for (int day = 0; day < perDay.length; day++) {
            for (int i = 0; i < perDay[day]; i++) {
                readModels.given(ReadModelFixture.item("item-" + day + "-" + i, BALLROOM, "run",
                        LocalDate.of(2026, 11, 1 + day).atTime(9 + i, 0).atZone(newYork).toInstant(), Duration.ofMinutes(30)));
            }
        }

        JsonNode month = read("/api/v1/calendars/{id}/monthly?date=2026-11-01&entries=false");
        JsonNode window = read("/api/v1/schedules/window?from=" + month.get("from").asString() + "&till=" + month.get("till").asString()
                + "&queue={id}&timezone=America/New_York&granularity=day");

        JsonNode days = month.get("days");
        JsonNode buckets = window.get("buckets");
        assertThat(days.size()).isEqualTo(30).isEqualTo(buckets.size());
        for (int i = 0; i < days.size(); i++) {
            assertThat(days.get(i).get("from").asString()).isEqualTo(buckets.get(i).get("timestamp").asString());
            assertThat(days.get(i).get("density_score").asDouble()).as(days.get(i).get("date").asString())
                    .isEqualTo(buckets.get(i).get("density_score").asDouble());
        }
        assertThat(days.valueStream().limit(7).map(day -> day.has("density_level") ? day.get("density_level").asString() : null).toList())
                .containsExactly("critical", "critical", "high", "medium", "low", null, "medium");
        assertThat(days.get(1).get("density_score").asDouble()).isEqualTo(0.75);
        assertThat(days.get(29).has("density_level")).isFalse();
        assertThat(days.get(29).get("density_score").asDouble()).isZero();
    }

    @Test
    void badInputIsOneProblemNamingEveryField() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, KATHMANDU));
        client.get().uri("/api/v1/calendars/{id}/weekly?date=2026-13-01&timezone=Mars/Olympus&week_start=friday&entries=none", BALLROOM)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("date", "timezone", "week_start", "entries"))
                .jsonPath("$.errors[3].rule").isEqualTo("one_of");
        client.get().uri("/api/v1/calendars/{id}/monthly?entries=", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.days[0].entries").isArray();
        client.get().uri("/api/v1/calendars/{id}/daily?date=", BALLROOM)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("date")
                .jsonPath("$.errors[0].rule").isEqualTo("iso_date");
        client.get().uri("/api/v1/calendars/{id}/daily", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.days.length()").isEqualTo(1);
        client.get().uri("/api/v1/calendars/cal-missing/monthly?date=2026-12-01")
                .exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars/{id}/monthly", "bad id!")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    /** Santiago, Havana and Beirut skip a midnight: that day starts at 01:00, in the view and in the window alike. */
    @Test
    void aMonthWhoseDaySkipsItsMidnightAnswersWithThatDayStartingAfterTheGap() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, KATHMANDU));
        for (String[] zoneAndDate : new String[][] {{"America/Santiago", "2026-09-06"}, {"America/Havana", "2026-03-08"},
                {"Asia/Beirut", "2026-03-29"}}) {
            ZoneId zone = ZoneId.of(zoneAndDate[0]);
            LocalDate day = LocalDate.parse(zoneAndDate[1]);
            client.get().uri(builder -> builder.path("/api/v1/calendars/{id}/monthly").queryParam("date", day.toString())
                            .queryParam("timezone", zone.getId()).build(BALLROOM))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.days[" + (day.getDayOfMonth() - 1) + "].from").isEqualTo(day.atStartOfDay(zone).toInstant().toString());
        }
    }

    @Test
    void theFirstAndLastMonthsOfTheCalendarAnswer() {
        readModels.given(ReadModelFixture.calendar(BALLROOM, KATHMANDU));
        client.get().uri("/api/v1/calendars/{id}/monthly?date=9999-12-31&timezone=Pacific/Kiritimati", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.days.length()").isEqualTo(31);
        client.get().uri("/api/v1/calendars/{id}/weekly?date=0001-01-01", BALLROOM)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.days.length()").isEqualTo(7);
    }

    private static RuleCreated rule(String id, String cron) {
        RuleCreated sample = EventSamples.ruleCreated();
        return new RuleCreated(RuleId.of(id), "Rule " + id, cron, ZoneId.of("America/New_York"), EventSamples.BALLROOM, 900,
                Instant.parse("2026-11-20T00:00:00Z"), sample.dstPolicy(), sample.jobTemplate(), sample.options(), sample.metadata());
    }

    private static OccurrenceMaterialized materialised(RuleCreated rule, Instant start) {
        return new OccurrenceMaterialized(OccurrenceId.of(rule.ruleId(), start), rule.ruleId(), 0, rule.calendarId(), rule.name(),
                rule.jobTemplate().type(), start, start, start.plusSeconds(rule.durationSeconds()), rule.timezone(),
                LocalDateTime.ofInstant(start, rule.timezone()), rule.dstPolicy(), DstResolution.EXACT, "2025b");
    }

    private static String occurrenceId(RuleCreated rule, String start) {
        return OccurrenceId.of(rule.ruleId(), Instant.parse(start)).value();
    }

    private JsonNode read(String uri) {
        byte[] body = client.get().uri(uri, BALLROOM).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode day) {
        return day.get("entries").valueStream().map(entry -> entry.get("id").asString()).toList();
    }
}
