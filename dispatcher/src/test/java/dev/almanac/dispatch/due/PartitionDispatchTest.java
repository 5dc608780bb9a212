package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.almanac.dispatch.testing.RecordingSink;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionDispatchTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final CalendarId OTHER = CalendarId.of("cal-other");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** Dispatch decided up to T0, inclusive: the runs of T0 itself went before these tests look. */
    private static final Instant AFTER_T0 = T0.plusMillis(1);

    /** A heartbeat every minute, reported within 30 seconds (OPS-HEARTBEAT, ADR 0073). */
    private static final RuleOptions HEARTBEAT = new RuleOptions(null, 0, RetryPolicy.NONE, false, null, null, null, null, null,
            new Heartbeat(60, 30));

    private final RecordingSink sink = new RecordingSink();
    private final PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, AFTER_T0, AFTER_T0);

    private void apply(RuleStory.Step step, CalendarId routedTo, Instant now) {
        partition.onRuleEvent(routedTo, step.event(), step.envelope(), now, sink);
    }

    private void tick(Instant at) {
        partition.due(at, at, sink);
    }

    @Test
    void dispatchesAnOccurrenceOnceWhenItsStartHasComeAndNotBefore() {
        RuleStory rule = RuleStory.of("*/5 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        assertThat(partition.nextWake()).contains(T0.plusSeconds(300));

        tick(T0.plusSeconds(300).minusMillis(1));
        assertThat(sink.dispatched).isEmpty();
        tick(T0.plusSeconds(300));
        tick(T0.plusSeconds(300).plusMillis(500));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(rule.occurrenceAt(T0.plusSeconds(300)));
            assertThat(due.dueAt()).isEqualTo(T0.plusSeconds(300));
            assertThat(due.dispatchedAt()).isEqualTo(T0.plusSeconds(300));
            assertThat(due.attempt()).isEqualTo(1);
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.SCHEDULED);
            assertThat(due.jobTemplate()).isEqualTo(RuleStory.JOB);
            assertThat(due.timeoutAt()).isEqualTo(T0.plusSeconds(330));
        });
        // Versions order an occurrence's events: 5 × attempt + 2 for a dispatch.
        assertThat(sink.envelopes.get(0).aggregateVersion()).isEqualTo(7);
        assertThat(sink.envelopes.get(0).type()).isEqualTo(EventCatalog.of(OccurrenceDue.class).ceType());
        // The job's 30-second timeout comes before the next start.
        assertThat(partition.nextWake()).contains(T0.plusSeconds(330));
    }

    @Test
    void aTickAheadOfTheClockDispatchesNothingBeforeItsStart() {
        RuleStory rule = RuleStory.of("*/5 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);

        partition.due(T0.plusSeconds(900), T0.plusSeconds(299), sink);

        assertThat(sink.dispatched).isEmpty();
        assertThat(partition.watermark()).isEqualTo(T0.plusSeconds(299).plusMillis(1));
    }

    @Test
    void pausedDisabledDeletedAndEndedRulesAndCancelledOccurrencesAreNotDispatched() {
        RuleStory paused = RuleStory.of("* * * * *", OPS);
        RuleStory disabled = RuleStory.of("* * * * *", OPS);
        RuleStory deleted = RuleStory.of("* * * * *", OPS);
        RuleStory ended = RuleStory.of("* * * * *", OPS);
        RuleStory cancelled = RuleStory.of("* * * * *", OPS);
        for (RuleStory rule : List.of(paused, disabled, deleted, ended, cancelled)) {
            apply(rule.created(T0), OPS, T0);
        }
        apply(paused.paused(T0.plusSeconds(10), T0.plusSeconds(150)), OPS, T0.plusSeconds(10));
        apply(disabled.disabled(T0.plusSeconds(10)), OPS, T0.plusSeconds(10));
        apply(deleted.deleted(T0.plusSeconds(10)), OPS, T0.plusSeconds(10));
        apply(ended.ended(T0.plusSeconds(10), T0.plusSeconds(120)), OPS, T0.plusSeconds(10));
        apply(cancelled.cancelled(T0.plusSeconds(10), T0.plusSeconds(60)), OPS, T0.plusSeconds(10));

        for (int minute = 1; minute <= 3; minute++) {
            tick(T0.plusSeconds(60L * minute));
        }

        assertThat(sink.dispatched).extracting(OccurrenceDue::occurrenceId).containsExactlyInAnyOrder(
                paused.occurrenceAt(T0.plusSeconds(180)),
                ended.occurrenceAt(T0.plusSeconds(60)),
                cancelled.occurrenceAt(T0.plusSeconds(120)), cancelled.occurrenceAt(T0.plusSeconds(180)));
    }

    @Test
    void aMovedOccurrenceIsDispatchedAtItsNewStartAndNotAtItsOldOne() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        Instant eleven = T0.plus(Duration.ofHours(1));
        apply(rule.moved(T0.plusSeconds(5), eleven, eleven.plus(Duration.ofMinutes(20))), OPS, T0.plusSeconds(5));

        tick(eleven);
        assertThat(sink.dispatched).isEmpty();
        tick(eleven.plus(Duration.ofMinutes(20)));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(rule.occurrenceAt(eleven));
            assertThat(due.dueAt()).isEqualTo(eleven.plus(Duration.ofMinutes(20)));
        });
    }

    @Test
    void afterAnOutageOccurrencesBeyondTheMisfireThresholdAreReportedAndTheRecentOnesDispatched() {
        RuleStory rule = RuleStory.of("*/5 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);

        Instant back = T0.plus(Duration.ofMinutes(30)).plusSeconds(40);
        tick(back);

        assertThat(sink.dueTimes()).containsExactly(T0.plus(Duration.ofMinutes(30)));
        assertThat(sink.dispatched.get(0).dispatchedAt()).isEqualTo(back);
        assertThat(sink.misfired).singleElement().satisfies(misfired -> {
            assertThat(misfired.ruleId()).isEqualTo(rule.ruleId());
            assertThat(misfired.occurrences()).isEqualTo(5);
            assertThat(misfired.startsFrom()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertThat(misfired.startsUntil()).isEqualTo(T0.plus(Duration.ofMinutes(25)).plusMillis(1));
            assertThat(misfired.misfireThresholdSeconds()).isEqualTo(60);
        });
    }

    @Test
    void aResumeThatArrivesAfterItsRunsStartedDispatchesThemLate() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        apply(rule.paused(T0.plusSeconds(1), null), OPS, T0.plusSeconds(1));
        Instant resumedAt = T0.plusSeconds(110);
        tick(T0.plusSeconds(125));
        assertThat(sink.dispatched).isEmpty();

        // The resume was decided at 10:01:50 and reaches the dispatcher at 10:02:05, after 10:02's run started.
        apply(rule.resumed(resumedAt), OPS, T0.plusSeconds(125));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.dueAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(due.dispatchedAt()).isEqualTo(T0.plusSeconds(125));
        });
        tick(T0.plusSeconds(180));
        assertThat(sink.dueTimes()).containsExactly(T0.plusSeconds(120), T0.plusSeconds(180));
    }

    @Test
    void anOccurrenceDispatchedBeforeALateMoveReachedTheDispatcherIsNotDispatchedAgainWhereItWasMoved() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        tick(T0.plusSeconds(60));
        assertThat(sink.dueTimes()).containsExactly(T0.plusSeconds(60));

        // Moved at 10:00:59.9 to 10:05, known to the dispatcher only at 10:01:01.
        apply(rule.moved(T0.plusMillis(59_900), T0.plusSeconds(60), T0.plusSeconds(300)), OPS, T0.plusSeconds(61));
        for (int minute = 2; minute <= 6; minute++) {
            tick(T0.plusSeconds(60L * minute));
        }

        assertThat(sink.dispatched).extracting(OccurrenceDue::occurrenceId).doesNotHaveDuplicates();
        assertThat(sink.guards).containsKey(rule.occurrenceAt(T0.plusSeconds(60)));
        assertThat(sink.dueTimes()).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240),
                T0.plusSeconds(300), T0.plusSeconds(360));
    }

    @Test
    void aCatchUpRunIsDispatchedOnceThoughItsMissedRecordArrivesTwice() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        Instant missedAt = T0.plus(Duration.ofHours(1));
        Instant detected = missedAt.plus(Duration.ofMinutes(6));
        OccurrenceId run = OccurrenceId.catchUpOf(rule.occurrenceAt(missedAt), missedAt);
        OccurrenceMissed missed = new OccurrenceMissed(rule.occurrenceAt(missedAt), rule.ruleId(), 0, OPS, missedAt, missedAt,
                missedAt.plusSeconds(60), detected, run);
        tick(detected.minusSeconds(1));
        sink.clear();

        assertThat(partition.onCatchUp(missed, RuleStory.envelope(missed, 0, detected), sink)).isTrue();
        assertThat(partition.nextWake()).contains(detected);
        tick(detected.plusMillis(30));
        assertThat(partition.onCatchUp(missed, RuleStory.envelope(missed, 0, detected), sink)).isFalse();
        tick(detected.plusSeconds(1));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(run);
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.CATCH_UP);
            assertThat(due.backfillOf()).isEqualTo(rule.occurrenceAt(missedAt));
            assertThat(due.dueAt()).isEqualTo(detected);
        });
    }

    @Test
    void anApprovedBackfillRunIsDispatchedOnceAtTheApproval() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        Instant missedAt = T0.plus(Duration.ofHours(1));
        Instant approvedAt = missedAt.plus(Duration.ofMinutes(10));
        tick(approvedAt.minusSeconds(5));
        sink.clear();

        apply(rule.backfillApproved(approvedAt, missedAt), OPS, approvedAt.plusMillis(20));
        tick(approvedAt.plusMillis(25));
        tick(approvedAt.plusSeconds(30));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.BACKFILL);
            assertThat(due.backfillOf()).isEqualTo(rule.occurrenceAt(missedAt));
            assertThat(due.dueAt()).isEqualTo(approvedAt);
        });
    }

    @Test
    void aRunNowIsDispatchedAtOnceAndOnceAsARunOfItsOwnOnTheRulesCalendarEvenWhilePaused() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        apply(rule.updated(T0.plusSeconds(5), "0 * * * *", OTHER), OTHER, T0.plusSeconds(5));
        apply(rule.paused(T0.plusSeconds(10), null), OTHER, T0.plusSeconds(10));
        Instant asked = T0.plusSeconds(20);
        RuleStory.Step runNow = rule.runNow(asked);

        // The router sends the event to every calendar the rule had; only its calendar now runs it, and a repeat is one run.
        partition.onRuleEvent(OPS, runNow.event(), runNow.envelope(), asked.plusMillis(5), sink);
        assertThat(sink.dispatched).isEmpty();
        partition.onRuleEvent(OTHER, runNow.event(), runNow.envelope(), asked.plusMillis(6), sink);
        partition.onRuleEvent(OTHER, runNow.event(), runNow.envelope(), asked.plusMillis(7), sink);
        tick(asked.plusSeconds(30));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(OccurrenceId.runNowOf(rule.ruleId(), 3));
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.RUN_NOW);
            assertThat(due.calendarId()).isEqualTo(OTHER);
            assertThat(due.dueAt()).isEqualTo(asked);
            assertThat(due.occurrenceStart()).isEqualTo(asked);
            assertThat(due.dispatchedAt()).isEqualTo(asked.plusMillis(6));
            assertThat(due.attempt()).isEqualTo(1);
        });
        assertThat(sink.envelopes.get(0).actor()).isEqualTo("planner@example.com");
        assertThat(partition.pendingRuns()).isZero();
    }

    @Test
    void aRunNowAskedForAheadOfThisClockWaitsForItsInstantAndIsNeverEarly() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0), OPS, T0);
        Instant asked = T0.plusSeconds(20);

        apply(rule.runNow(asked), OPS, asked.minusMillis(40));
        assertThat(sink.dispatched).isEmpty();
        assertThat(partition.nextWake()).contains(asked);
        tick(asked.minusMillis(1));
        assertThat(sink.dispatched).isEmpty();
        tick(asked.plusMillis(2));

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.RUN_NOW);
            assertThat(due.dispatchedAt()).isEqualTo(asked.plusMillis(2));
        });
    }

    @Test
    void aRunNowAskedForBeforeThePartitionBeganIsHistoryAndNotDispatched() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        apply(rule.created(T0.minusSeconds(60)), OPS, T0);
        apply(rule.runNow(T0.minusSeconds(30)), OPS, T0);

        tick(T0.plusSeconds(30));

        assertThat(partition.pendingRuns()).isZero();
        assertThat(sink.dispatched).isEmpty();
    }

    @Test
    void aHeartbeatsBeatsRunNowAndBackfillsAreNeverDispatchedNorMisfired() {
        RuleStory beats = RuleStory.of("* * * * *", OPS).options(HEARTBEAT);
        apply(beats.created(T0), OPS, T0);
        assertThat(partition.nextWake()).isEmpty();

        for (int minute = 1; minute <= 3; minute++) {
            tick(T0.plusSeconds(60L * minute));
        }
        apply(beats.runNow(T0.plusSeconds(190)), OPS, T0.plusSeconds(190));
        apply(beats.backfillApproved(T0.plusSeconds(200), T0.plusSeconds(60)), OPS, T0.plusSeconds(200));
        OccurrenceMissed missed = new OccurrenceMissed(beats.occurrenceAt(T0.plusSeconds(120)), beats.ruleId(), 0, OPS,
                T0.plusSeconds(120), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(210),
                OccurrenceId.catchUpOf(beats.occurrenceAt(T0.plusSeconds(120)), T0.plusSeconds(120)));
        partition.onCatchUp(missed, RuleStory.envelope(missed, 0, T0.plusSeconds(210)), sink);
        // Far past the misfire threshold: a heartbeat's beats are not misfired either, rule-expander finds them missed.
        tick(T0.plus(Duration.ofHours(1)));

        assertThat(sink.dispatched).isEmpty();
        assertThat(sink.misfired).isEmpty();
    }

    @Test
    void aHeartbeatMadeADispatchedRuleIsDispatchedFromThenOnAndADispatchedRuleMadeAHeartbeatIsNoLonger() {
        RuleStory beats = RuleStory.of("* * * * *", OPS).options(HEARTBEAT);
        apply(beats.created(T0), OPS, T0);
        tick(T0.plusSeconds(60));
        beats.options(RuleOptions.DEFAULT);
        apply(beats.updated(T0.plusSeconds(90), "* * * * *", OPS), OPS, T0.plusSeconds(90));
        tick(T0.plusSeconds(120));
        beats.options(HEARTBEAT);
        apply(beats.updated(T0.plusSeconds(150), "* * * * *", OPS), OPS, T0.plusSeconds(150));
        tick(T0.plusSeconds(180));

        assertThat(sink.dispatched).extracting(OccurrenceDue::occurrenceId).containsExactly(beats.occurrenceAt(T0.plusSeconds(120)));
    }

    @Test
    void aPartitionDispatchesOnlyTheOccurrencesOfTheCalendarsRoutedToIt() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        PartitionDispatch other = new PartitionDispatch(DispatchSettings.DEFAULT, AFTER_T0, AFTER_T0);
        RecordingSink otherSink = new RecordingSink();
        RuleStory.Step created = rule.created(T0);
        RuleStory.Step updated = rule.updated(T0.plusSeconds(150), "* * * * *", OTHER);
        apply(created, OPS, T0);
        tick(T0.plusSeconds(120));
        // The router sends the rule's history to the new calendar's partition, then the update to both.
        other.onRuleEvent(OTHER, created.event(), created.envelope(), T0.plusSeconds(151), otherSink);
        other.onRuleEvent(OTHER, updated.event(), updated.envelope(), T0.plusSeconds(151), otherSink);
        apply(updated, OPS, T0.plusSeconds(151));
        for (int minute = 3; minute <= 4; minute++) {
            tick(T0.plusSeconds(60L * minute));
            other.due(T0.plusSeconds(60L * minute), T0.plusSeconds(60L * minute), otherSink);
        }

        assertThat(sink.dueTimes()).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(otherSink.dispatched).extracting(OccurrenceDue::calendarId).containsOnly(OTHER);
        assertThat(otherSink.dueTimes()).containsExactly(T0.plusSeconds(180), T0.plusSeconds(240));
    }

    @Test
    void nothingOfARulesHistoryBeforeDispatchBeganIsDispatched() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        Instant began = T0.plus(Duration.ofDays(2)).plusMillis(1);
        PartitionDispatch fresh = new PartitionDispatch(DispatchSettings.DEFAULT, began, began);
        RecordingSink freshSink = new RecordingSink();

        RuleStory.Step created = rule.created(T0);
        fresh.onRuleEvent(OPS, created.event(), created.envelope(), began.plusMillis(5), freshSink);
        fresh.due(began.plusSeconds(61), began.plusSeconds(61), freshSink);

        assertThat(freshSink.misfired).isEmpty();
        assertThat(freshSink.dueTimes()).containsExactly(began.minusMillis(1).plusSeconds(60));
    }

    @Test
    void aJitteredOccurrenceIsDispatchedAtItsJitteredStart() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS).jitter(900);
        RuleStory.Step created = rule.created(T0);
        apply(created, OPS, T0);
        RuleTimeline timeline = timelineOf(created);
        TimelineOccurrence first = timeline.startingIn(T0.plusSeconds(1), T0.plus(Duration.ofHours(2))).get(0);

        tick(first.start().minusMillis(1));
        assertThat(sink.dispatched).isEmpty();
        tick(first.start());

        assertThat(sink.dispatched).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(first.id());
            assertThat(due.dueAt()).isEqualTo(first.start());
        });
    }

    /**
     * Ticks on time, late within the misfire threshold, or stray ones before the next start, over five weeks that cross the zone's DST change where it has one (Lord Howe
     * on 4 October, London on 25 October, New York on 1 November 2026): each
     * occurrence of the timeline is dispatched exactly once, never before its start, in every zone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/London"})
    void everyOccurrenceIsDispatchedOnceAndNeverEarlyAcrossDstInAnyZone(String zone) {
        Instant from = Instant.parse("2026-09-30T00:00:00Z");
        RuleStory rule = RuleStory.of("30 1,2 * * *", ZoneId.of(zone), OPS).jitter(120);
        PartitionDispatch zoned = new PartitionDispatch(DispatchSettings.DEFAULT, from, from);
        RecordingSink zonedSink = new RecordingSink();
        RuleStory.Step created = rule.created(from);
        zoned.onRuleEvent(OPS, created.event(), created.envelope(), from, zonedSink);
        Random random = new Random(zone.hashCode());
        Instant end = from.plus(Duration.ofDays(36));
        while (zoned.watermark().isBefore(end)) {
            Instant wake = zoned.nextWake().orElseThrow();
            // A tick on time, one late but within the misfire threshold, or a stray one before the wake.
            Instant at = switch (random.nextInt(3)) {
                case 0 -> wake;
                case 1 -> wake.plusMillis(random.nextInt(50_000));
                default -> wake.minusMillis(1 + random.nextInt(3_600_000));
            };
            zoned.due(at, at.isAfter(zoned.watermark()) ? at : zoned.watermark(), zonedSink);
        }

        RuleTimeline timeline = timelineOf(created);
        List<TimelineOccurrence> expected = timeline.startingIn(from, zoned.watermark());
        assertThat(zonedSink.dispatched).extracting(OccurrenceDue::occurrenceId)
                .containsExactlyElementsOf(expected.stream().map(TimelineOccurrence::id).toList());
        assertThat(zonedSink.dispatched).allSatisfy(due -> assertThat(due.dispatchedAt()).isAfterOrEqualTo(due.dueAt()));
        assertThat(zonedSink.misfired).isEmpty();
    }

    @Test
    void aPartitionRestoredFromItsEventsAndStateGoesOnWithoutRepeatingADispatch() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        RuleStory.Step created = rule.created(T0);
        RuleStory.Step moved = rule.moved(T0.plusMillis(59_900), T0.plusSeconds(60), T0.plusSeconds(300));
        apply(created, OPS, T0);
        tick(T0.plusSeconds(60));
        apply(moved, OPS, T0.plusSeconds(61));
        tick(T0.plusSeconds(120));

        PartitionDispatch restored = new PartitionDispatch(DispatchSettings.DEFAULT, sink.watermark, AFTER_T0);
        restored.restoreRule(OPS, created.event(), created.envelope());
        restored.restoreRule(OPS, moved.event(), moved.envelope());
        sink.guards.forEach(restored::restoreGuard);
        restored.restored();
        RecordingSink after = new RecordingSink();
        for (int minute = 3; minute <= 6; minute++) {
            restored.due(T0.plusSeconds(60L * minute), T0.plusSeconds(60L * minute), after);
        }

        Set<OccurrenceId> all = new HashSet<>();
        List<OccurrenceDue> both = new ArrayList<>(sink.dispatched);
        both.addAll(after.dispatched);
        both.forEach(due -> assertThat(all.add(due.occurrenceId())).as("dispatched once: %s", due.occurrenceId()).isTrue());
        assertThat(after.dueTimes()).containsExactly(T0.plusSeconds(180), T0.plusSeconds(240), T0.plusSeconds(300), T0.plusSeconds(360));
    }

    private static RuleTimeline timelineOf(RuleStory.Step created) {
        return RuleTimeline.start((RuleCreated) created.event(), created.envelope()).orElseThrow();
    }
}
