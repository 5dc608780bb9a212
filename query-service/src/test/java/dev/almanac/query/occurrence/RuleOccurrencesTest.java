package dev.almanac.query.occurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/** One rule's occurrences as reads count and list them: exactly what its timeline gives, day by day and slot by slot. */
class RuleOccurrencesTest {

    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Each UTC day's summary counts exactly the timeline's occurrences starting that day, in their slots, with their
     * lengths: around DST gaps and overlaps, in zones a half and a quarter hour off UTC, and with jitters that carry
     * occurrences over midnight.
     */
    @ParameterizedTest
    @CsvSource({
            "*/5 * * * *, UTC, 0, 2026-04-01",
            "*/5 * * * *, UTC, 3600, 2026-04-01",
            "*/5 * * * *, America/New_York, 0, 2026-03-08",
            "*/5 * * * *, America/New_York, 600, 2026-11-01",
            "30 2 * * *, America/New_York, 0, 2026-03-08",
            "30 1 * * *, America/New_York, 0, 2026-11-01",
            "*/15 * * * *, Asia/Kolkata, 0, 2026-06-30",
            "*/15 * * * *, Asia/Kathmandu, 900, 2026-06-30",
            "0 2 * * *, Europe/Berlin, 0, 2026-03-29",
            "*/30 * * * *, Australia/Lord_Howe, 0, 2026-04-05",
            "55 23 * * *, UTC, 3600, 2026-04-01"})
    void daySummariesCountTheTimelinesOccurrences(String cron, String zone, int jitter, LocalDate around) {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", cron, ZoneId.of(zone), ACTIVE_FROM, jitter);
        RuleTimeline timeline = timeline(created);
        RuleOccurrences rule = RuleOccurrences.of(rule(created), timeline);
        for (LocalDate day = around.minusDays(2); day.isBefore(around.plusDays(3)); day = day.plusDays(1)) {
            int[] expected = new int[UtcSlots.PER_DAY];
            for (TimelineOccurrence occurrence : timeline.startingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1)))) {
                expected[UtcSlots.slotOf(occurrence.start())]++;
            }
            SlotSummary summary = rule.startingOn(day)[0];
            int[] counted = new int[UtcSlots.PER_DAY];
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                counted[slot] = summary.count(slot);
                assertThat(summary.seconds(slot)).isEqualTo(counted[slot] * RecurringRules.LENGTH.toSeconds());
            }
            assertThat(counted).as("slots of %s", day).containsExactly(expected);
            assertThat(summary.total()).as("%s has occurrences", day).isPositive();
        }
    }

    @Test
    void nothingBeforeActiveFromIsCounted() {
        Instant activeFrom = Instant.parse("2026-05-10T12:00:00Z");
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("UTC"), activeFrom, 0);
        RuleOccurrences rule = RuleOccurrences.of(rule(created), timeline(created));

        assertThat(rule.startingOn(LocalDate.parse("2026-05-10"))[0].total()).isEqualTo(12);
        assertThat(rule.startingOn(LocalDate.parse("2026-05-09"))[0].total()).isZero();
    }

    /**
     * An update changes the occurrences from the instant it was made on and leaves those before it with the definition they
     * had; a pause with an end withdraws what starts in between. Past and future come from the same value, as the timeline
     * says.
     */
    @Test
    void anUpdateAndAPauseChangeHistoryExactlyAsTheTimelineSays() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("Europe/Berlin"), ACTIVE_FROM, 0);
        RuleUpdated update = updated(created, "30 */2 * * *", "cal-a", Instant.parse("2026-03-29T00:45:00Z"));
        RulePaused pause = new RulePaused(created.ruleId(), Instant.parse("2026-04-02T10:00:00Z"), Instant.parse("2026-04-03T06:00:00Z"),
                "maintenance");
        RuleTimeline timeline = timeline(created, update, pause);
        RuleOccurrences rule = RuleOccurrences.of(rule(created), timeline);

        assertThat(rule.startingOn(LocalDate.parse("2026-03-28"))[0].total()).as("hourly before the update").isEqualTo(24);
        assertThat(rule.startingOn(LocalDate.parse("2026-03-30"))[0].total()).as("every other hour after it").isEqualTo(12);
        assertThat(rule.startingOn(LocalDate.parse("2026-04-02"))[0].total()).as("until the pause at 10:00 UTC").isEqualTo(5);
        assertThat(rule.startingOn(LocalDate.parse("2026-04-03"))[0].total()).as("from its end at 06:00 UTC").isEqualTo(9);
        for (LocalDate day = LocalDate.parse("2026-03-27"); day.isBefore(LocalDate.parse("2026-04-05")); day = day.plusDays(1)) {
            assertThat(rule.startingOn(day)[0].total()).as("%s", day)
                    .isEqualTo(timeline.startingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1))).size());
        }
        List<EntryCopy> listed = new ArrayList<>();
        rule.forEachStartingIn(Instant.parse("2026-03-28T20:00:00Z"), Instant.parse("2026-03-29T06:00:00Z"),
                occurrence -> listed.add(rule.copyOf(occurrence)));
        assertThat(listed).isNotEmpty().allSatisfy(copy -> assertThat(copy.version())
                .as("%s: the definition in force where it starts", copy.start())
                .isEqualTo(copy.start().isBefore(update.updatedAt()) ? 0L : 1L));
        assertThat(listed).extracting(EntryCopy::version).contains(0L, 1L);
    }

    /** A rule moved to another queue keeps its history on the calendar it ran on; each calendar gets its own summary. */
    @Test
    void aRuleMovedToAnotherCalendarKeepsItsHistoryWhereItRan() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        RuleUpdated moved = updated(created, "0 * * * *", "cal-b", Instant.parse("2026-03-10T12:00:00Z"));
        RuleOccurrences rule = RuleOccurrences.of(rule(created), timeline(created, moved));

        assertThat(rule.calendars()).containsExactly("cal-a", "cal-b");
        assertThat(rule.summariesOn(LocalDate.parse("2026-03-10"), null)).extracting(Map.Entry::getKey, entry -> entry.getValue().total())
                .containsExactly(tuple("cal-a", 12), tuple("cal-b", 12));
        assertThat(rule.summariesOn(LocalDate.parse("2026-03-11"), "cal-a")).isEmpty();
        assertThat(rule.summariesOn(LocalDate.parse("2026-03-09"), "cal-b")).isEmpty();
    }

    /** An approved backfill run reaches query-service as a record of its own, stored as an entry: the timeline's is left out. */
    @Test
    void backfillRunsAreLeftToTheirRecords() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "0 9 * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        Instant missed = Instant.parse("2026-03-10T09:00:00Z");
        OccurrenceId missedId = OccurrenceId.of(created.ruleId(), missed);
        Instant runAt = Instant.parse("2026-03-10T15:00:00Z");
        RuleMissedRunDecided backfill = new RuleMissedRunDecided(created.ruleId(), missedId, missed, missed,
                MissedRunAction.APPROVE_BACKFILL_RUN, runAt, OccurrenceId.backfillOf(missedId, missed), runAt, "needed");
        RuleTimeline timeline = timeline(created, backfill);
        RuleOccurrences rule = RuleOccurrences.of(rule(created), timeline);

        assertThat(timeline.startingIn(runAt, runAt.plusSeconds(1))).as("the timeline has the run").hasSize(1);
        List<EntryCopy> listed = new ArrayList<>();
        rule.forEachStartingIn(UtcSlots.startOf(LocalDate.parse("2026-03-10")), UtcSlots.startOf(LocalDate.parse("2026-03-11")),
                occurrence -> listed.add(rule.copyOf(occurrence)));
        assertThat(listed).extracting(EntryCopy::start).containsExactly(missed);
        assertThat(rule.startingOn(LocalDate.parse("2026-03-10"))[0].total()).isEqualTo(1);
    }

    static RuleTimeline timeline(RuleCreated created, RuleEvent... after) {
        RuleTimeline timeline = RuleTimeline.start(created, Received.metadata(created, 0, Received.TIME)).orElseThrow();
        long version = 1;
        for (RuleEvent event : after) {
            timeline = timeline.apply(event, Received.metadata((AlmanacEvent) event, version++, Received.TIME));
        }
        return timeline;
    }

    static Rule rule(RuleCreated created) {
        return Rule.created(created, Received.metadata(created, 0, Received.TIME));
    }

    static RuleUpdated updated(RuleCreated created, String cron, String calendarId, Instant at) {
        return new RuleUpdated(created.ruleId(), at, created.name(), cron, null, null, created.timezone(), CalendarId.of(calendarId),
                created.durationSeconds(), created.dstPolicy(), created.jobTemplate(), created.options(), created.metadata(), List.of());
    }
}
