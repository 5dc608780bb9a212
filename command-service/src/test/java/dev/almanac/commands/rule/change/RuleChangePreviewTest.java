package dev.almanac.commands.rule.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.SeriesExceptions;

/** What a change would do, before it is done: the occurrences before and after, the description and the warnings. */
class RuleChangePreviewTest {

    /** A Tuesday, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2027-01-05T15:00:00Z");

    private static RuleChangePreview preview(RuleSnapshot rule, String instruction) {
        return RuleChangePreview.of(rule, ChangeInstructions.read(instruction, rule, NOW).change(), NOW, ChangeSource.INSTRUCTION);
    }

    private static RuleChangePreview preview(RuleSnapshot rule, RuleChange patch) {
        return RuleChangePreview.of(rule, patch, NOW, ChangeSource.PATCH);
    }

    @Test
    void beforeAndAfterAreTheFirstTenOccurrencesThatStartFromNowJitterIncluded() {
        RuleSnapshot rule = RuleSnapshots.withJitter("*/5 * * * *", 900);

        RuleChangePreview preview = preview(rule, "every 30 minutes");

        RecurrenceSpec before = rule.definition().spec(rule.ruleId());
        RecurrenceSpec after = RuleChangePreview.updated(rule.definition(), RuleChange.cron("*/30 * * * *", null, null))
                .spec(rule.ruleId());
        assertThat(preview.before().occurrences()).isEqualTo(expected(before));
        assertThat(preview.after().occurrences()).isEqualTo(expected(after));
        assertThat(preview.after().occurrences()).hasSize(10)
                .allSatisfy(occurrence -> assertThat(occurrence.start()).isAfterOrEqualTo(NOW))
                .isSortedAccordingTo(Comparator.comparing(OccurrencePreview::start));
        // The jitter (up to 15 minutes) moved at least one start off its resolved time.
        List<Instant> resolved = RecurrenceExpander.expand(after, NOW.minusSeconds(900), NOW.plusSeconds(86_400), 100)
                .occurrences().stream().map(Occurrence::resolvedInstant).toList();
        assertThat(preview.after().occurrences()).anySatisfy(occurrence -> assertThat(resolved).doesNotContain(occurrence.start()));
        assertThat(preview.after().description()).isEqualTo("every 30 minutes");
        // An occurrence that resolved before now but starts after it, by its jitter, is next too: rule-expander has it published.
        List<String> resolvedBeforeNow = RecurrenceExpander.expand(before, NOW.minusSeconds(900), NOW, 100).occurrences().stream()
                .filter(occurrence -> !occurrence.start().isBefore(NOW)).map(occurrence -> occurrence.id().value()).toList();
        assertThat(resolvedBeforeNow).isNotEmpty();
        assertThat(preview.before().occurrences()).extracting(occurrence -> occurrence.occurrenceId().value())
                .containsAnyElementsOf(resolvedBeforeNow);
    }

    @Test
    void aRuleCreatedJustNowShowsNothingThatResolvedBeforeItWasCreated() {
        RuleSnapshot rule = RuleSnapshots.createdAt("*/5 * * * *", 900, NOW);
        RecurrenceSpec spec = rule.definition().spec(rule.ruleId());
        List<String> resolvedBeforeCreation = RecurrenceExpander.expand(spec, NOW.minusSeconds(900), NOW, 100).occurrences().stream()
                .filter(occurrence -> !occurrence.start().isBefore(NOW)).map(occurrence -> occurrence.id().value()).toList();

        RuleChangePreview preview = preview(rule, "every 30 minutes");

        assertThat(resolvedBeforeCreation).isNotEmpty();
        assertThat(preview.before().occurrences()).extracting(occurrence -> occurrence.occurrenceId().value())
                .doesNotContainAnyElementsOf(resolvedBeforeCreation);
        assertThat(preview.before().occurrences()).hasSize(10);
    }

    /** Written independently of the preview: every occurrence of a day around now that starts from now, the first ten by start. */
    /**
     * The preview shows the series as rule-expander publishes it: a cancelled occurrence is gone, a
     * moved one starts where it was moved to, before the change and after it, since exceptions
     * outlive an update wherever the new schedule still produces them (ADR 0023).
     */
    @Test
    void movedAndCancelledOccurrencesShowWhereTheSeriesHasThemBeforeAndAfter() {
        RuleSnapshot hourly = RuleSnapshots.cron("0 * * * *");
        Instant eleven = Instant.parse("2027-01-05T16:00:00Z");
        Instant noon = Instant.parse("2027-01-05T17:00:00Z");
        Instant halfPastNoon = Instant.parse("2027-01-05T17:30:00Z");
        RuleSnapshot rule = new RuleSnapshot(hourly.ruleId(), hourly.version(), hourly.definition(), hourly.status(), null, false,
                SeriesExceptions.NONE.cancelling(eleven).moving(noon, halfPastNoon));
        OccurrenceId noonsOccurrence = RecurrenceExpander.expand(hourly.definition().spec(hourly.ruleId()), noon, noon.plusSeconds(1), 1)
                .occurrences().get(0).id();

        RuleChangePreview preview = preview(rule, "every 30 minutes");

        for (SchedulePreview side : List.of(preview.before(), preview.after())) {
            assertThat(side.occurrences()).extracting(OccurrencePreview::start).doesNotContain(eleven, noon).contains(halfPastNoon);
            assertThat(side.occurrences()).filteredOn(occurrence -> occurrence.occurrenceId().equals(noonsOccurrence))
                    .singleElement().extracting(OccurrencePreview::start).isEqualTo(halfPastNoon);
            assertThat(side.occurrences()).hasSize(10).isSortedAccordingTo(Comparator.comparing(OccurrencePreview::start));
        }
    }

    private static List<OccurrencePreview> expected(RecurrenceSpec spec) {
        List<Occurrence> all = new ArrayList<>(RecurrenceExpander.expand(spec, NOW.minusSeconds(3600), NOW.plusSeconds(86_400), 1000)
                .occurrences());
        all.removeIf(occurrence -> occurrence.start().isBefore(NOW));
        all.sort(Comparator.comparing(Occurrence::start));
        return all.subList(0, 10).stream()
                .map(occurrence -> new OccurrencePreview(occurrence.id(), occurrence.start(), occurrence.end(), occurrence.dstResolution()))
                .toList();
    }

    @Test
    void aTimeInTheSpringForwardGapIsWarnedWithWhatTheRulesPolicyDoes() {
        RuleChangePreview shifted = preview(RuleSnapshots.cron("0 9 * * *"), "every day at 2:30");

        assertThat(warning(shifted, "dst_gap")).isEqualTo("02:30 on Sunday 14 March 2027 does not exist in America/New_York, where "
                + "the clocks skip ahead; the gap policy shift_forward runs it at 03:30 (2027-03-14T07:30:00Z)");

        RuleChangePreview skipped = preview(RuleSnapshots.cron("0 9 * * *"), new RuleChange(RuleChangeAction.UPDATE, "30 2 * * *", null,
                null, null, null, null, new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), null));
        assertThat(warning(skipped, "dst_gap")).contains("the gap policy skip leaves that run out");
    }

    @Test
    void aTimeInTheFallBackOverlapIsWarnedWithWhatTheRulesPolicyDoes() {
        RuleChangePreview earlier = preview(RuleSnapshots.cron("0 9 * * *"), "every day at 1:30");

        assertThat(warning(earlier, "dst_overlap")).isEqualTo("01:30 on Sunday 7 November 2027 happens twice in America/New_York, "
                + "where the clocks go back; the overlap policy earlier runs it once, at the first (2027-11-07T05:30:00Z)");
        RuleChangePreview twice = preview(RuleSnapshots.cron("30 1 * * *"), new RuleChange(RuleChangeAction.UPDATE, null, null, null,
                null, null, null, new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.TWICE), null));
        assertThat(warning(twice, "dst_overlap")).endsWith("runs it at both (2027-11-07T05:30:00Z and 2027-11-07T06:30:00Z)");
    }

    @Test
    void lordHowesHalfHourGapAndANewZoneAreWarnedInThatZone() {
        RuleChangePreview preview = preview(RuleSnapshots.cron("0 9 * * *"), "every day at 2:15 in Australia/Lord_Howe");

        assertThat(preview.after().timezone()).isEqualTo(ZoneId.of("Australia/Lord_Howe"));
        assertThat(preview.warnings()).extracting(RuleChangeWarning::code).containsExactly("dst_gap");
        assertThat(warning(preview, "dst_gap")).startsWith("02:15 on Sunday 3 October 2027 does not exist in Australia/Lord_Howe")
                .contains("runs it at 02:45");
        assertThat(preview.description()).isEqualTo("Run at 02:15 instead of at 09:00; read its times in Australia/Lord_Howe "
                + "instead of America/New_York");
    }

    @Test
    void aScheduleThatFiresMoreThan24TimesADayIsWarned() {
        RuleChangePreview preview = preview(RuleSnapshots.cron("0 9 * * *"), "every 15 minutes");

        assertThat(warning(preview, "frequent")).isEqualTo("the new schedule fires 96 times on Tuesday 5 January 2027 in "
                + "America/New_York, more than 24 times a day");
        assertThat(preview(RuleSnapshots.cron("0 9 * * *"), "every hour").warnings()).extracting(RuleChangeWarning::code)
                .doesNotContain("frequent");
        // A change that leaves the schedule and zone alone does not warn about how often the rule already runs.
        assertThat(preview(RuleSnapshots.cron("*/5 * * * *"), new RuleChange(RuleChangeAction.UPDATE, null, null, null, null, null, 60,
                null, null)).warnings()).extracting(RuleChangeWarning::code).doesNotContain("frequent");
    }

    @Test
    void aPauseOfARuleThatRunsWithinTheHourIsWarnedAndKeepsWhatFollowsItsEnd() {
        RuleSnapshot rule = RuleSnapshots.cron("20 10 * * *");

        RuleChangePreview preview = preview(rule, "pause until tomorrow");

        assertThat(warning(preview, "pauses_imminent")).isEqualTo("pausing skips the run at Tuesday 5 January 2027 10:20 "
                + "America/New_York, 20 minutes from now");
        assertThat(preview.before().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-01-05T15:20:00Z"));
        assertThat(preview.after().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-01-06T15:20:00Z"));
        assertThat(preview.description()).isEqualTo("Pause the rule until Wednesday 6 January 2027 00:00 America/New_York "
                + "(2027-01-06T05:00:00Z)");
        assertThat(preview(rule, "pause").after().occurrences()).isEmpty();
    }

    @Test
    void anUpdateThatDropsARunWithinTheHourIsWarned() {
        RuleChangePreview preview = preview(RuleSnapshots.cron("20 10 * * *"), "move to 14:00");

        assertThat(warning(preview, "drops_imminent")).isEqualTo("the change drops or moves the run at Tuesday 5 January 2027 10:20 "
                + "America/New_York, 20 minutes from now");
        assertThat(preview(RuleSnapshots.cron("20 10 * * *"), "every day at 10:20 in America/Chicago").warnings())
                .extracting(RuleChangeWarning::code).contains("drops_imminent");
        assertThat(preview(RuleSnapshots.cron("0 18 * * *"), "move to 14:00").warnings()).isEmpty();
    }

    @Test
    void anUpdateOfAPausedRuleShowsTheNewScheduleFromWhenThePauseEnds() {
        Instant resumeAfter = Instant.parse("2027-02-01T05:00:00Z");

        RuleChangePreview preview = preview(RuleSnapshots.paused("30 2 * * *", resumeAfter), "every weekday at 9:30");

        assertThat(preview.before().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-02-01T07:30:00Z"));
        assertThat(preview.after().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-02-01T14:30:00Z"));
        assertThat(warning(preview, "rule_paused")).contains("paused until Monday 1 February 2027 00:00 America/New_York");

        RuleChangePreview endless = preview(RuleSnapshots.paused("30 2 * * *", null), "every weekday at 9:30");
        assertThat(endless.before().occurrences()).isEmpty();
        assertThat(endless.after().occurrences()).isEmpty();
        assertThat(warning(endless, "rule_paused")).contains("until it is resumed");

        RuleChangePreview disabled = preview(RuleSnapshots.disabled("30 2 * * *"), "every weekday at 9:30");
        assertThat(disabled.after().occurrences()).isEmpty();
        assertThat(warning(disabled, "rule_disabled")).contains("when it is enabled");
    }

    @Test
    void aResumeShowsTheOccurrencesFromNowOn() {
        RuleChangePreview preview = preview(RuleSnapshots.paused("30 2 * * *", Instant.parse("2027-02-01T05:00:00Z")), "resume");

        assertThat(preview.before().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-02-01T07:30:00Z"));
        assertThat(preview.after().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-01-06T07:30:00Z"));
        assertThat(preview.description()).isEqualTo("Resume the rule now instead of at Monday 1 February 2027 00:00 America/New_York");
    }

    @Test
    void whatTheRulesOwnCommandWouldRefuseNowIsRefused() {
        assertRefused(() -> preview(RuleSnapshots.deleted("30 2 * * *"), "resume"), CommandRejectedException.Reason.CONFLICT, "id",
                "deleted");
        assertRefused(() -> preview(RuleSnapshots.paused("30 2 * * *", null), "pause"), CommandRejectedException.Reason.CONFLICT, "id",
                "paused");
        assertRefused(() -> preview(RuleSnapshots.disabled("30 2 * * *"), "pause"), CommandRejectedException.Reason.CONFLICT, "id",
                "disabled");
        assertRefused(() -> preview(RuleSnapshots.disabled("30 2 * * *"), "resume"), CommandRejectedException.Reason.CONFLICT, "id",
                "disabled");
        assertRefused(() -> preview(RuleSnapshots.cron("30 2 * * *"), "resume"), CommandRejectedException.Reason.CONFLICT, "id",
                "not_paused");
        assertRefused(() -> preview(RuleSnapshots.cron("30 2 * * *"), "every day at 2:30"), CommandRejectedException.Reason.CONFLICT,
                "instruction", "no_change");
        assertRefused(() -> preview(RuleSnapshots.cron("30 2 * * *"), RuleChange.pause(NOW.minusSeconds(1))),
                CommandRejectedException.Reason.INVALID, "patch.resume_after", "future");
        assertRefused(() -> preview(RuleSnapshots.cron("30 2 * * *"), RuleChange.cron("0 0 30 2 *", null, null)),
                CommandRejectedException.Reason.INVALID, "patch.cron", "never_fires");
        assertRefused(() -> preview(RuleSnapshots.cron("30 2 * * *"), new RuleChange(RuleChangeAction.UPDATE, null, null, null, null,
                        300L, null, null, null)), CommandRejectedException.Reason.CONFLICT, "patch", "no_change");
    }

    @Test
    void occurrencesInTheGapAreShownAsTheExpanderResolvesThem() {
        RuleSnapshot rule = RuleSnapshots.cron("0 9 * * *");
        RuleChangePreview preview = RuleChangePreview.of(rule, ChangeInstructions.read("every sunday at 2:30", rule, NOW).change(),
                Instant.parse("2027-03-08T12:00:00Z"), ChangeSource.INSTRUCTION);

        assertThat(preview.after().occurrences().get(0).start()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(preview.after().occurrences().get(0).dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
    }

    private static String warning(RuleChangePreview preview, String code) {
        return preview.warnings().stream().filter(warning -> warning.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " warning in " + preview.warnings())).message();
    }

    private static void assertRefused(Runnable preview, CommandRejectedException.Reason reason, String field, String rule) {
        assertThatThrownBy(preview::run).isInstanceOfSatisfying(CommandRejectedException.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.violations().get(0).field()).isEqualTo(field);
            assertThat(rejected.violations().get(0).rule()).isEqualTo(rule);
        });
    }
}
