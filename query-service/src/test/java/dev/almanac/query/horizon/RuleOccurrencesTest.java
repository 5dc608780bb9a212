package dev.almanac.query.horizon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/** Where materialised occurrences end and computed ones begin: every occurrence once, on either side. */
class RuleOccurrencesTest {

    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Materialised (resolving at or before the boundary) and beyond (computed after it) together are
     * every occurrence starting in the days around the boundary, each once, with the expansion's ids
     * and instants. Boundaries exactly on an occurrence, between two, on a DST change, and with a
     * jitter that carries occurrences over midnight.
     */
    @ParameterizedTest
    @CsvSource({
            "*/5 * * * *, UTC, 0, 2026-04-01T00:00:00Z",
            "*/5 * * * *, UTC, 0, 2026-04-01T00:02:30Z",
            "*/5 * * * *, UTC, 0, 2026-03-31T23:55:00Z",
            "*/5 * * * *, America/New_York, 0, 2026-03-08T07:00:00Z",
            "*/5 * * * *, America/New_York, 0, 2026-11-01T05:55:00Z",
            "*/5 * * * *, America/New_York, 0, 2026-11-01T06:00:00Z",
            "30 2 * * *, America/New_York, 0, 2026-03-08T07:30:00Z",
            "30 1 * * *, America/New_York, 0, 2026-11-01T05:30:00Z",
            "*/5 * * * *, Asia/Kolkata, 0, 2026-06-30T18:30:00Z",
            "*/5 * * * *, Asia/Kathmandu, 0, 2026-06-30T18:15:00Z",
            "*/5 * * * *, UTC, 1800, 2026-04-01T23:50:00Z",
            "55 23 * * *, UTC, 3600, 2026-04-01T23:55:00Z",
            "*/5 * * * *, Australia/Lord_Howe, 0, 2026-04-04T15:00:00Z"})
    void materialisedAndBeyondAreEveryOccurrenceOnce(String cron, String zone, int jitter, Instant boundary) {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", cron, ZoneId.of(zone), ACTIVE_FROM, jitter);
        RuleOccurrences rule = RuleOccurrences.of(Rule.created(created, Received.metadata(created, 0, Received.TIME)));
        LocalDate first = UtcSlots.dayOf(boundary).minusDays(2);
        LocalDate last = first.plusDays(5);
        Instant from = UtcSlots.startOf(first);
        Instant till = UtcSlots.startOf(last);

        List<String> materialised = new ArrayList<>();
        for (OccurrenceMaterialized occurrence : RecurringRules.materialised(created, 0, ACTIVE_FROM, boundary.plusNanos(1))) {
            if (!occurrence.start().isBefore(from) && occurrence.start().isBefore(till)) {
                materialised.add(occurrence.occurrenceId().value() + "@" + occurrence.start());
            }
        }
        List<String> beyond = new ArrayList<>();
        for (LocalDate day = first; day.isBefore(last); day = day.plusDays(1)) {
            for (Occurrence occurrence : rule.startingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1)), boundary)) {
                beyond.add(occurrence.id().value() + "@" + occurrence.start());
            }
        }
        List<String> every = expandedStartingIn(RecurrenceSpec.of(created), from, till);

        Set<String> both = new HashSet<>(materialised);
        both.retainAll(beyond);
        assertThat(both).as("occurrences on both sides of the boundary").isEmpty();
        List<String> together = new ArrayList<>(materialised);
        together.addAll(beyond);
        assertThat(together).containsExactlyInAnyOrderElementsOf(every);
        assertThat(beyond).as("something lies beyond the boundary").isNotEmpty();
        assertThat(materialised).as("something lies before the boundary").isNotEmpty();
    }

    /** Each day's summary beyond the boundary counts exactly the occurrences starting that day and resolving after it. */
    @ParameterizedTest
    @CsvSource({
            "*/5 * * * *, UTC, 0, 2026-04-01T00:00:00Z",
            "*/5 * * * *, UTC, 1800, 2026-04-01T23:50:00Z",
            "*/5 * * * *, UTC, 3600, 2026-04-01T23:55:00Z",
            "*/5 * * * *, America/New_York, 0, 2026-03-08T07:00:00Z",
            "*/5 * * * *, America/New_York, 600, 2026-11-01T05:55:00Z"})
    void daySummariesCountWhatLiesBeyond(String cron, String zone, int jitter, Instant boundary) {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", cron, ZoneId.of(zone), ACTIVE_FROM, jitter);
        RuleOccurrences rule = RuleOccurrences.of(Rule.created(created, Received.metadata(created, 0, Received.TIME)));
        LocalDate last = UtcSlots.dayOf(boundary).plusDays(3);
        List<Occurrence> beyond = RecurrenceExpander.expand(RecurrenceSpec.of(created), boundary.plusNanos(1), UtcSlots.startOf(last),
                10_000_000).occurrences();
        for (LocalDate day = UtcSlots.dayOf(boundary).minusDays(1); day.isBefore(last); day = day.plusDays(1)) {
            int[] expected = new int[UtcSlots.PER_DAY];
            for (Occurrence occurrence : beyond) {
                if (UtcSlots.dayOf(occurrence.start()).equals(day)) {
                    expected[UtcSlots.slotOf(occurrence.start())]++;
                }
            }
            SlotSummary summary = rule.startingOn(day, boundary);
            int[] counted = new int[UtcSlots.PER_DAY];
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                counted[slot] = summary.count(slot);
                assertThat(summary.seconds(slot)).isEqualTo(counted[slot] * 300L);
            }
            assertThat(counted).as("slots of %s", day).containsExactly(expected);
        }
    }

    /** A day kept across a horizon advance is one whose count the move does not change; the days at either boundary are not kept. */
    @ParameterizedTest
    @CsvSource({
            "*/5 * * * *, UTC, 0, 2026-04-01T00:00:00Z, 2026-04-01T00:05:00Z",
            "*/5 * * * *, UTC, 3600, 2026-04-01T23:30:00Z, 2026-04-02T00:10:00Z",
            "*/5 * * * *, America/New_York, 600, 2026-03-07T23:55:00Z, 2026-03-09T00:00:00Z"})
    void aDayKeptAcrossAnAdvanceCountsTheSameUnderBothBoundaries(String cron, String zone, int jitter, Instant before, Instant after) {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", cron, ZoneId.of(zone), ACTIVE_FROM, jitter);
        RuleOccurrences rule = RuleOccurrences.of(Rule.created(created, Received.metadata(created, 0, Received.TIME)));
        int kept = 0;
        for (LocalDate day = UtcSlots.dayOf(before).minusDays(2); day.isBefore(UtcSlots.dayOf(after).plusDays(3)); day = day.plusDays(1)) {
            boolean same = rule.sameOn(day, before, after);
            if (same) {
                kept++;
                assertThat(rule.startingOn(day, after)).as("kept %s", day).isEqualTo(rule.startingOn(day, before));
            }
            assertThat(rule.sameOn(day, after, before)).isEqualTo(same);
        }
        assertThat(kept).as("days away from both boundaries are kept").isGreaterThan(2);
        assertThat(rule.sameOn(UtcSlots.dayOf(after), before, after)).as("the day of the new boundary").isFalse();
    }

    @Test
    void nothingBeforeActiveFromIsComputed() {
        Instant activeFrom = Instant.parse("2026-05-10T12:00:00Z");
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("UTC"), activeFrom, 0);
        RuleOccurrences rule = RuleOccurrences.of(Rule.created(created, Received.metadata(created, 0, Received.TIME)));

        assertThat(rule.startingOn(LocalDate.parse("2026-05-10"), null).total()).isEqualTo(12);
        assertThat(rule.startingOn(LocalDate.parse("2026-05-09"), null).total()).isZero();
    }

    @Test
    void aPausedRuleRunsBeyondOnlyFromItsResumeAfter() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        Rule rule = Rule.created(created, Received.metadata(created, 0, Received.TIME));
        RulePaused paused = new RulePaused(created.ruleId(), Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-06-15T06:00:00Z"),
                "maintenance");
        RuleOccurrences occurrences = RuleOccurrences.of(Rule.paused(rule, paused, Received.metadata(paused, 1, Received.TIME)));
        RulePaused forever = new RulePaused(created.ruleId(), Instant.parse("2026-02-01T00:00:00Z"), null, "maintenance");
        RuleOccurrences never = RuleOccurrences.of(Rule.paused(rule, forever, Received.metadata(forever, 1, Received.TIME)));

        assertThat(occurrences.startingOn(LocalDate.parse("2026-06-14"), Instant.parse("2026-05-01T00:00:00Z")).total()).isZero();
        assertThat(occurrences.startingOn(LocalDate.parse("2026-06-15"), Instant.parse("2026-05-01T00:00:00Z")).total()).isEqualTo(18);
        assertThat(never.startingOn(LocalDate.parse("2026-06-15"), Instant.parse("2026-05-01T00:00:00Z")).total()).isZero();
    }

    @Test
    void aDeletedRuleHasNoOccurrencesToCompute() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        Rule rule = Rule.created(created, Received.metadata(created, 0, Received.TIME));
        RuleDeleted deleted = new RuleDeleted(created.ruleId(), Instant.parse("2026-02-01T00:00:00Z"));

        assertThat(RuleOccurrences.of(Rule.deleted(rule, deleted, Received.metadata(deleted, 1, Received.TIME)))).isNull();
    }

    private static List<String> expandedStartingIn(RecurrenceSpec spec, Instant from, Instant till) {
        List<String> found = new ArrayList<>();
        for (Occurrence occurrence : RecurrenceExpander.expand(spec, ACTIVE_FROM, till, 10_000_000).occurrences()) {
            if (!occurrence.start().isBefore(from) && occurrence.start().isBefore(till)) {
                found.add(occurrence.id().value() + "@" + occurrence.start());
            }
        }
        return found;
    }
}
