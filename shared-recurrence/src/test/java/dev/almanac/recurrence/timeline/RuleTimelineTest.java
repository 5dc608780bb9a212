package dev.almanac.recurrence.timeline;

import static dev.almanac.recurrence.timeline.TimelineRules.NIGHTLY;
import static dev.almanac.recurrence.timeline.TimelineRules.delayedBeyond;
import static dev.almanac.recurrence.timeline.TimelineRules.envelope;
import static dev.almanac.recurrence.timeline.TimelineRules.expanded;
import static dev.almanac.recurrence.timeline.TimelineRules.occurrences;
import static dev.almanac.recurrence.timeline.TimelineRules.rule;
import static dev.almanac.recurrence.timeline.TimelineRules.timeline;
import static dev.almanac.recurrence.timeline.TimelineRules.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * A rule's timeline from its events: the occurrences rule-expander publishes for them, past and
 * future, with the ids and instants the engine gives. rule-expander's own runs are compared with it
 * in rule-expander's {@code RuleTimelineConformanceTest}; these pin down each behaviour.
 */
class RuleTimelineTest {

    private static final Instant ACTIVE_FROM = NIGHTLY.activeFrom();
    private static final Instant FROM = ACTIVE_FROM.minus(Duration.ofDays(1));
    private static final Instant UNTIL = ACTIVE_FROM.plus(Duration.ofDays(400));
    /** Hourly in UTC, each start delayed by up to an hour. */
    private static final RuleCreated HOURLY_JITTERED = rule("0 * * * *", "UTC", 3600);

    @Test
    void aRuleThatNeverChangedHoldsExactlyTheEnginesOccurrencesFromActiveFromWithTheRecordsRuleExpanderPublishes() {
        RuleTimeline timeline = timeline(NIGHTLY);

        assertThat(occurrences(timeline, FROM, UNTIL)).isEqualTo(expanded(NIGHTLY, FROM, UNTIL));
        TimelineOccurrence springForward = timeline.startingIn(Instant.parse("2027-03-14T00:00:00Z"),
                Instant.parse("2027-03-15T00:00:00Z")).get(0);
        assertThat(springForward.occurrence().dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
        assertThat(springForward.start()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        OccurrenceMaterialized record = springForward.toMaterialized();
        assertThat(record.occurrenceId()).isEqualTo(OccurrenceId.of(NIGHTLY.ruleId(), springForward.start()));
        assertThat(record.ruleVersion()).isZero();
        assertThat(record.title()).isEqualTo(NIGHTLY.name());
        assertThat(record.type()).isEqualTo(NIGHTLY.jobTemplate().type());
        assertThat(record.calendarId()).isEqualTo(NIGHTLY.calendarId());
        assertThat(record.resources()).isEqualTo(NIGHTLY.resources());
        assertThat(record.end()).isEqualTo(record.start().plusSeconds(NIGHTLY.durationSeconds()));
        assertThat(record.inSeries()).isTrue();
    }

    @Test
    void anOverlapRunTwiceGivesTwoOccurrencesAndASkippedGapNone() {
        RuleTimeline twice = timeline(rule("30 1 * * *", "America/New_York", new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.TWICE), 0));
        RuleTimeline skipping = timeline(rule("30 2 * * *", "America/New_York", new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), 0));

        List<TimelineOccurrence> fallBack = twice.startingIn(Instant.parse("2027-11-07T04:00:00Z"), Instant.parse("2027-11-07T08:00:00Z"));
        assertThat(fallBack).extracting(occurrence -> occurrence.occurrence().dstResolution())
                .containsExactly(DstResolution.OVERLAP_EARLIER, DstResolution.OVERLAP_LATER);
        assertThat(fallBack).extracting(TimelineOccurrence::start)
                .containsExactly(Instant.parse("2027-11-07T05:30:00Z"), Instant.parse("2027-11-07T06:30:00Z"));
        assertThat(skipping.startingIn(Instant.parse("2027-03-14T00:00:00Z"), Instant.parse("2027-03-15T00:00:00Z"))).isEmpty();
        assertThat(occurrences(skipping, FROM, UNTIL)).isEqualTo(expanded(rule("30 2 * * *", "America/New_York",
                new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), 0), FROM, UNTIL));
    }

    @Test
    void halfAndQuarterHourOffsetsAndLordHowesHalfHourGapKeepTheEnginesIdsAndInstants() {
        RuleCreated kolkata = rule("0 9 * * *", "Asia/Kolkata", 0);
        RuleCreated kathmandu = rule("0 9 * * *", "Asia/Kathmandu", 0);
        RuleCreated lordHowe = rule("15 2 * * *", "Australia/Lord_Howe", 0);

        assertThat(occurrences(timeline(kolkata), FROM, UNTIL)).isEqualTo(expanded(kolkata, FROM, UNTIL))
                .first().satisfies(first -> assertThat(first.start().toString()).endsWith("T03:30:00Z"));
        assertThat(occurrences(timeline(kathmandu), FROM, UNTIL)).isEqualTo(expanded(kathmandu, FROM, UNTIL))
                .first().satisfies(first -> assertThat(first.start().toString()).endsWith("T03:15:00Z"));
        assertThat(occurrences(timeline(lordHowe), FROM, UNTIL)).isEqualTo(expanded(lordHowe, FROM, UNTIL));
        // Lord Howe moves its clocks on by half an hour at 02:00 on 2027-10-03: 02:15 runs at 02:45, +11:00.
        TimelineOccurrence shifted = timeline(lordHowe).startingIn(Instant.parse("2027-10-02T12:00:00Z"),
                Instant.parse("2027-10-03T12:00:00Z")).get(0);
        assertThat(shifted.occurrence().dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
        assertThat(shifted.start()).isEqualTo(Instant.parse("2027-10-02T15:45:00Z"));
    }

    @Test
    void anUpdateKeepsWhatStartedBeforeItWithTheOldDefinitionAndGivesTheRestTheNew() {
        Instant updatedAt = Instant.parse("2026-12-10T00:00:00Z");
        RuleTimeline timeline = timeline(NIGHTLY, update(NIGHTLY, updatedAt, "15 3 * * *", 0, "Nightly cleanup, later"));

        List<TimelineOccurrence> all = timeline.startingIn(FROM, UNTIL);
        assertThat(all).filteredOn(occurrence -> occurrence.start().isBefore(updatedAt)).isNotEmpty().allSatisfy(occurrence -> {
            assertThat(occurrence.occurrence().nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(2, 30));
            assertThat(occurrence.definition().version()).isZero();
        });
        assertThat(all).filteredOn(occurrence -> !occurrence.start().isBefore(updatedAt)).isNotEmpty().allSatisfy(occurrence -> {
            assertThat(occurrence.occurrence().nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(3, 15));
            assertThat(occurrence.toMaterialized().title()).isEqualTo("Nightly cleanup, later");
            assertThat(occurrence.definition().version()).isEqualTo(1);
        });
    }

    @Test
    void anUpdateThatChangesNoRecordAddsNoDefinitionSoEachOccurrenceKeepsTheVersionItWasPublishedAt() {
        RuleTimeline timeline = timeline(NIGHTLY, update(NIGHTLY, Instant.parse("2026-12-10T00:00:00Z"), NIGHTLY.cron(), 0, NIGHTLY.name()));

        assertThat(timeline.version()).isEqualTo(1);
        assertThat(timeline.definitions()).hasSize(1);
        assertThat(timeline.startingIn(FROM, UNTIL)).allSatisfy(occurrence -> assertThat(occurrence.definition().version()).isZero());
    }

    /** A revision goes by start: the run that started before the update stays; one that now starts before it and did after is gone. */
    @Test
    void anUpdateThatPullsARunBackBeforeItByItsJitterWithdrawsIt() {
        Occurrence delayed = delayedBeyond(HOURLY_JITTERED, ACTIVE_FROM.plus(Duration.ofDays(2)), 1800);
        Instant updatedAt = delayed.resolvedInstant().plusSeconds(900);

        RuleTimeline timeline = timeline(HOURLY_JITTERED, update(HOURLY_JITTERED, updatedAt, "0 * * * *", 0, "No jitter"));

        assertThat(timeline.startingIn(FROM, UNTIL)).extracting(TimelineOccurrence::id).doesNotContain(delayed.id());
        assertThat(timeline.startingIn(updatedAt, UNTIL)).allSatisfy(occurrence -> {
            assertThat(occurrence.start()).isEqualTo(occurrence.occurrence().resolvedInstant());
            assertThat(occurrence.definition().version()).isEqualTo(1);
        });
        assertThat(timeline.startingIn(FROM, updatedAt)).isNotEmpty()
                .allSatisfy(occurrence -> assertThat(occurrence.definition().version()).isZero());
    }

    /** The other way round: the new definition starts after the update a run the old one started before it, so it runs again there. */
    @Test
    void anUpdateThatDelaysARunPastItByItsJitterRunsItWithTheNewDefinitionInstead() {
        RuleCreated hourly = rule("0 * * * *", "UTC", 0);
        RuleCreated jittered = rule("0 * * * *", "UTC", 3600);
        Occurrence delayed = delayedBeyond(jittered, ACTIVE_FROM.plus(Duration.ofDays(2)), 60);
        Instant updatedAt = delayed.resolvedInstant().plusSeconds(30);

        RuleTimeline timeline = timeline(hourly, update(hourly, updatedAt, "0 * * * *", 3600, "Jittered"));

        List<TimelineOccurrence> withItsId = timeline.startingIn(FROM, UNTIL).stream()
                .filter(occurrence -> occurrence.id().equals(delayed.id())).toList();
        assertThat(withItsId).singleElement().satisfies(occurrence -> {
            assertThat(occurrence.start()).isEqualTo(delayed.start());
            assertThat(occurrence.definition().version()).isEqualTo(1);
        });
    }

    @Test
    void aPauseWithdrawsWhatStartsInItAndAResumeBringsBackWhatStartsFromItJitterIncluded() {
        Occurrence carriedIntoThePause = delayedBeyond(HOURLY_JITTERED, ACTIVE_FROM.plus(Duration.ofDays(2)), 120);
        Instant pausedAt = carriedIntoThePause.resolvedInstant().plusSeconds(60);
        Occurrence carriedPastTheResume = delayedBeyond(HOURLY_JITTERED, pausedAt.plus(Duration.ofDays(3)), 120);
        Instant resumedAt = carriedPastTheResume.resolvedInstant().plusSeconds(60);

        RuleTimeline timeline = timeline(HOURLY_JITTERED, new RulePaused(HOURLY_JITTERED.ruleId(), pausedAt, null, null),
                new RuleResumed(HOURLY_JITTERED.ruleId(), resumedAt));

        List<Occurrence> expected = expanded(HOURLY_JITTERED, FROM, UNTIL).stream()
                .filter(occurrence -> occurrence.start().isBefore(pausedAt) || !occurrence.start().isBefore(resumedAt))
                .filter(occurrence -> occurrence.start().isBefore(UNTIL))
                .sorted(Comparator.comparing(Occurrence::start)).toList();
        assertThat(occurrences(timeline, FROM, UNTIL)).isEqualTo(expected)
                .doesNotContain(carriedIntoThePause).contains(carriedPastTheResume);
        assertThat(timeline.anyStartingIn(pausedAt, resumedAt)).isFalse();
    }

    @Test
    void aPauseWithAnEndRunsWhatStartsFromItsEndWithoutAnyFurtherEvent() {
        Occurrence carriedPastTheEnd = delayedBeyond(HOURLY_JITTERED, ACTIVE_FROM.plus(Duration.ofDays(150)), 120);
        Instant pausedAt = ACTIVE_FROM.plus(Duration.ofDays(10));
        Instant resumeAfter = carriedPastTheEnd.resolvedInstant().plusSeconds(60);

        RuleTimeline timeline = timeline(HOURLY_JITTERED, new RulePaused(HOURLY_JITTERED.ruleId(), pausedAt, resumeAfter, null));

        assertThat(timeline.anyStartingIn(pausedAt, resumeAfter)).isFalse();
        assertThat(timeline.startingIn(resumeAfter, resumeAfter.plus(Duration.ofHours(2)))).extracting(TimelineOccurrence::occurrence)
                .contains(carriedPastTheEnd);
        assertThat(timeline.startingIn(resumeAfter, UNTIL)).hasSize((int) expanded(HOURLY_JITTERED, resumeAfter.minusSeconds(3600), UNTIL)
                .stream().filter(occurrence -> !occurrence.start().isBefore(resumeAfter) && occurrence.start().isBefore(UNTIL)).count());
    }

    @Test
    void anUpdateWhilePausedWithoutEndTakesEffectFromTheResume() {
        Instant pausedAt = Instant.parse("2026-12-05T00:00:00Z");
        Instant updatedAt = Instant.parse("2026-12-08T00:00:00Z");
        Instant resumedAt = Instant.parse("2026-12-12T00:00:00Z");

        RuleTimeline timeline = timeline(NIGHTLY, new RulePaused(NIGHTLY.ruleId(), pausedAt, null, null),
                update(NIGHTLY, updatedAt, "15 3 * * *", 0, NIGHTLY.name()), new RuleResumed(NIGHTLY.ruleId(), resumedAt));

        assertThat(timeline.startingIn(FROM, pausedAt)).isNotEmpty().allSatisfy(occurrence ->
                assertThat(occurrence.occurrence().nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(2, 30)));
        assertThat(timeline.anyStartingIn(pausedAt, resumedAt)).isFalse();
        assertThat(timeline.startingIn(resumedAt, UNTIL)).isNotEmpty().allSatisfy(occurrence ->
                assertThat(occurrence.occurrence().nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(3, 15)));
    }

    @Test
    void aDeletionKeepsTheHistoryAndNothingStartsFromIt() {
        Instant deletedAt = Instant.parse("2026-12-15T09:00:00Z");

        RuleTimeline timeline = timeline(NIGHTLY, new RuleDeleted(NIGHTLY.ruleId(), deletedAt));

        assertThat(occurrences(timeline, FROM, deletedAt)).isEqualTo(expanded(NIGHTLY, FROM, deletedAt));
        assertThat(timeline.anyStartingIn(deletedAt, UNTIL)).isFalse();
        assertThat(timeline.nothingStartsFrom()).hasValueSatisfying(bound -> assertThat(bound).isBetween(deletedAt, deletedAt.plusSeconds(2)));
    }

    @Test
    void aMovedOccurrenceStandsWhereItWasMovedWithItsIdAndTheStartItsSeriesGaveIt() {
        Occurrence moved = expanded(NIGHTLY, Instant.parse("2026-12-03T00:00:00Z"), UNTIL).get(0);
        Instant movedTo = Instant.parse("2026-12-02T20:00:00Z");

        RuleTimeline timeline = timeline(NIGHTLY, new RuleOccurrenceMoved(NIGHTLY.ruleId(), moved.id(), moved.resolvedInstant(), movedTo,
                Instant.parse("2026-12-01T00:00:00Z"), "Earlier that evening"));

        List<TimelineOccurrence> withItsId = timeline.startingIn(FROM, UNTIL).stream().filter(occurrence -> occurrence.id().equals(moved.id()))
                .toList();
        assertThat(withItsId).singleElement().satisfies(occurrence -> {
            assertThat(occurrence.start()).isEqualTo(movedTo);
            assertThat(occurrence.end()).isEqualTo(movedTo.plusSeconds(NIGHTLY.durationSeconds()));
            assertThat(occurrence.movedFrom()).isEqualTo(moved.start());
            assertThat(occurrence.occurrence().resolvedInstant()).isEqualTo(moved.resolvedInstant());
            assertThat(occurrence.inSeries()).isFalse();
        });
    }

    @Test
    void aCancelledOccurrenceStaysGoneWhateverTheRuleDoesLater() {
        Occurrence cancelled = expanded(NIGHTLY, Instant.parse("2026-12-20T00:00:00Z"), UNTIL).get(0);

        RuleTimeline timeline = timeline(NIGHTLY, new RuleOccurrenceCancelled(NIGHTLY.ruleId(), cancelled.id(), cancelled.resolvedInstant(),
                        Instant.parse("2026-12-01T00:00:00Z"), null),
                new RulePaused(NIGHTLY.ruleId(), Instant.parse("2026-12-02T00:00:00Z"), null, null),
                update(NIGHTLY, Instant.parse("2026-12-03T00:00:00Z"), NIGHTLY.cron(), 0, "Renamed"),
                new RuleResumed(NIGHTLY.ruleId(), Instant.parse("2026-12-04T00:00:00Z")));

        assertThat(timeline.startingIn(FROM, UNTIL)).extracting(TimelineOccurrence::id).doesNotContain(cancelled.id());
        assertThat(timeline.startingIn(Instant.parse("2026-12-04T00:00:00Z"), UNTIL)).isNotEmpty()
                .allSatisfy(occurrence -> assertThat(occurrence.toMaterialized().title()).isEqualTo("Renamed"));
    }

    @Test
    void theEndOfTheSeriesLeavesOnlyWhatResolvesBeforeIt() {
        Instant endsAt = Instant.parse("2027-01-10T07:30:00Z");

        RuleTimeline timeline = timeline(NIGHTLY, new RuleEnded(NIGHTLY.ruleId(), endsAt, Instant.parse("2026-12-01T00:00:00Z"), null));

        assertThat(occurrences(timeline, FROM, UNTIL)).isEqualTo(expanded(NIGHTLY, FROM, endsAt));
        assertThat(timeline.nothingStartsFrom()).isPresent();
    }

    @Test
    void anApprovedBackfillRunIsAnOccurrenceOfItsOwnBesideTheMissedOne() {
        Occurrence missed = expanded(NIGHTLY, Instant.parse("2026-12-01T00:00:00Z"), UNTIL).get(0);
        Instant approvedAt = Instant.parse("2026-12-01T15:00:00Z");
        OccurrenceId run = OccurrenceId.backfillOf(missed.id(), missed.start());

        RuleTimeline timeline = timeline(NIGHTLY, new RuleMissedRunDecided(NIGHTLY.ruleId(), missed.id(), missed.resolvedInstant(),
                missed.start(), MissedRunAction.APPROVE_BACKFILL_RUN, approvedAt, run, approvedAt, null));

        assertThat(timeline.startingIn(approvedAt, approvedAt.plusSeconds(1))).singleElement().satisfies(backfill -> {
            assertThat(backfill.id()).isEqualTo(run);
            assertThat(backfill.backfillOf()).isEqualTo(missed.id());
            assertThat(backfill.occurrence().resolvedInstant()).isEqualTo(missed.resolvedInstant());
            assertThat(backfill.end()).isEqualTo(approvedAt.plusSeconds(NIGHTLY.durationSeconds()));
        });
        assertThat(timeline.startingIn(FROM, UNTIL)).extracting(TimelineOccurrence::id).contains(missed.id());
    }

    @Test
    void eachVersionIsAppliedOnceAndAnOlderOneChangesNothing() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), Instant.parse("2026-12-05T00:00:00Z"), null, null);
        RuleTimeline created = timeline(NIGHTLY);
        RuleTimeline pausedOnce = created.apply(paused, envelope(paused, 2));

        assertThat(pausedOnce.version()).isEqualTo(2);
        assertThat(pausedOnce.apply(paused, envelope(paused, 2))).isSameAs(pausedOnce);
        RuleResumed late = new RuleResumed(NIGHTLY.ruleId(), Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(pausedOnce.apply(late, envelope(late, 1))).as("an older version arriving late").isSameAs(pausedOnce);
        assertThat(pausedOnce.apply(NIGHTLY, envelope(NIGHTLY, 3))).as("a second creation").isSameAs(pausedOnce);
    }

    @Test
    void anUpdateOrCreationRuleExpanderCannotExpandIsLeftOutAsItDeadLettersIt() {
        RuleUpdated broken = update(NIGHTLY, Instant.parse("2026-12-05T00:00:00Z"), "61 * * * *", 0, "Broken");
        RuleTimeline timeline = timeline(NIGHTLY);

        assertThat(timeline.apply(broken, envelope(broken, 1))).isSameAs(timeline);
        RuleCreated unexpandable = rule("61 * * * *", "UTC", 0);
        assertThat(RuleTimeline.start(unexpandable, envelope(unexpandable, 0))).isEmpty();
        assertThat(RuleTimeline.next(null, broken, envelope(broken, 1))).as("no creation seen").isNull();
    }

    @Test
    void changeRequestsAndOtherRulesEventsChangeNothing() {
        RuleCreated weekly = new RuleCreated(EventSamples.ruleUpdated().ruleId(), NIGHTLY.name(), NIGHTLY.cron(), NIGHTLY.timezone(),
                NIGHTLY.calendarId(), NIGHTLY.durationSeconds(), NIGHTLY.activeFrom(), NIGHTLY.dstPolicy(), NIGHTLY.jobTemplate(),
                NIGHTLY.options(), NIGHTLY.metadata(), null, null, NIGHTLY.resources());
        RuleTimeline timeline = timeline(weekly);

        for (RuleEvent event : List.<RuleEvent>of(EventSamples.ruleChangeProposed(), EventSamples.ruleChangeConfirmed(),
                EventSamples.ruleChangeRejected(), EventSamples.ruleDeleted())) {
            assertThat(timeline.apply(event, envelope(event, 7))).as(event.getClass().getSimpleName()).isSameAs(timeline);
        }
    }

    @Test
    void lifecycleInstantsCountToTheMillisecondAsRuleExpanderStoresThem() {
        Occurrence first = expanded(NIGHTLY, Instant.parse("2026-12-05T00:00:00Z"), UNTIL).get(0);

        RuleTimeline timeline = timeline(NIGHTLY, new RulePaused(NIGHTLY.ruleId(), first.start().plusNanos(500_000), null, null));

        assertThat(timeline.startingIn(FROM, UNTIL)).extracting(TimelineOccurrence::id).doesNotContain(first.id());
    }

    @Test
    void aRuleThatEndsOrStopsSaysFromWhenNothingStartsAndOneThatGoesOnDoesNot() {
        RuleCreated fortyDays = TimelineRules.withRRule(NIGHTLY, "FREQ=DAILY;COUNT=40", "2026-12-01T02:30:00");
        RuleTimeline counted = timeline(fortyDays);
        Occurrence last = expanded(fortyDays, FROM, UNTIL).get(39);

        assertThat(counted.nothingStartsFrom()).hasValueSatisfying(bound -> assertThat(bound).isAfter(last.start())
                .isBeforeOrEqualTo(last.start().plusSeconds(1)));
        assertThat(counted.anyStartingIn(last.start().plusSeconds(1), UNTIL.plus(Duration.ofDays(3650)))).isFalse();
        assertThat(timeline(NIGHTLY).nothingStartsFrom()).isEmpty();
        assertThat(timeline(NIGHTLY, new RulePaused(NIGHTLY.ruleId(), Instant.parse("2026-12-05T00:00:00Z"), null, null))
                .nothingStartsFrom()).isPresent();
    }

    @Test
    void itsSizeGrowsWithTheRulesEventsNotItsOccurrences() {
        List<RuleEvent> events = new ArrayList<>();
        Instant at = ACTIVE_FROM.plus(Duration.ofDays(1));
        for (int cycle = 0; cycle < 50; cycle++) {
            events.add(new RulePaused(HOURLY_JITTERED.ruleId(), at, null, null));
            events.add(new RuleResumed(HOURLY_JITTERED.ruleId(), at.plus(Duration.ofHours(5))));
            at = at.plus(Duration.ofDays(2));
        }

        RuleTimeline timeline = timeline(HOURLY_JITTERED, events.toArray(RuleEvent[]::new));

        assertThat(timeline.steps()).isEqualTo(101);
        assertThat(timeline.startingIn(FROM, UNTIL)).hasSizeGreaterThan(8_000);
    }

    /**
     * The zones' shortcut answers, for every occurrence, what folding every step over it answers:
     * around jitter changes, pauses, a resume, an end and moves, for every definition's occurrences.
     */
    @Test
    void theZoneShortcutAnswersWhatFoldingEveryStepOverEachOccurrenceAnswers() {
        Instant day = ACTIVE_FROM.plus(Duration.ofDays(3));
        Occurrence moved = expanded(HOURLY_JITTERED, day.plus(Duration.ofDays(20)), UNTIL).get(0);
        RuleTimeline timeline = timeline(HOURLY_JITTERED,
                update(HOURLY_JITTERED, day.plusSeconds(1234), "*/30 * * * *", 600, "Half-hourly"),
                new RulePaused(HOURLY_JITTERED.ruleId(), day.plus(Duration.ofDays(2)).plusSeconds(77), day.plus(Duration.ofDays(4)), null),
                update(HOURLY_JITTERED, day.plus(Duration.ofDays(3)), "0 * * * *", 3600, "Hourly again"),
                new RuleOccurrenceMoved(HOURLY_JITTERED.ruleId(), moved.id(), moved.resolvedInstant(), day.plus(Duration.ofDays(9)),
                        day.plus(Duration.ofDays(5)), null),
                new RulePaused(HOURLY_JITTERED.ruleId(), day.plus(Duration.ofDays(6)).plusSeconds(900), null, null),
                update(HOURLY_JITTERED, day.plus(Duration.ofDays(7)), "15 * * * *", 1800, "Quarter past"),
                new RuleResumed(HOURLY_JITTERED.ruleId(), day.plus(Duration.ofDays(8)).plusSeconds(1700)),
                new RuleEnded(HOURLY_JITTERED.ruleId(), expanded(rule("15 * * * *", "UTC", 1800), day.plus(Duration.ofDays(40)), UNTIL)
                        .get(0).resolvedInstant(), day.plus(Duration.ofDays(10)), null));

        Instant from = day.minus(Duration.ofDays(1));
        Instant until = day.plus(Duration.ofDays(45));
        assertThat(timeline.startingIn(from, until)).isEqualTo(foldedOneByOne(timeline, from, until)).hasSizeGreaterThan(500);
    }

    /** Every occurrence any definition gives, each folded through every step: the timeline with no shortcut. */
    private static List<TimelineOccurrence> foldedOneByOne(RuleTimeline timeline, Instant from, Instant until) {
        Map<Instant, TimelineOccurrence> standing = new HashMap<>();
        List<TimelineDefinition> definitions = timeline.definitions();
        for (TimelineDefinition definition : definitions) {
            Instant start = from.minusSeconds(RecurrenceSpec.MAX_JITTER_SECONDS);
            Expansion expansion = RecurrenceExpander.expand(definition.spec(), start.isBefore(definition.activeFrom())
                    ? definition.activeFrom() : start, until, 1_000_000);
            for (Occurrence occurrence : expansion.occurrences()) {
                OccurrenceFold fold = new OccurrenceFold(definitions, occurrence.resolvedInstant());
                TimelineOccurrence published = fold.occurrence(fold.standing(timeline.stepList()));
                if (published != null && !published.start().isBefore(from) && published.start().isBefore(until)) {
                    standing.put(occurrence.resolvedInstant(), published);
                }
            }
        }
        List<TimelineOccurrence> all = new ArrayList<>(standing.values());
        all.sort(TimelineOccurrence.START_ORDER);
        return all;
    }
}
