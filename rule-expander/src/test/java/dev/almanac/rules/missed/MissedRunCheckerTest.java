package dev.almanac.rules.missed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.intake.TestIntake;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.rule.RuleOrigin;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

/**
 * The missed-run check with a clock the test controls (ADR 0023): what is missed and what is not,
 * pauses and moves, catch-up after downtime by each policy and its cap, and a check that any replica
 * can run and that publishes nothing twice once recorded.
 */
class MissedRunCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final MissedRunSettings SETTINGS = new MissedRunSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 500,
            Duration.ofHours(24), 10);
    private static final MaterialisationSettings MATERIALISATION = new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), 5000, 500,
            TIMEOUT);
    /** A rule every hour on the hour in UTC, created at midnight. */
    private static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(MIDNIGHT);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RuleStore store;
    private RunReports reports;
    private RuleLifecycleHandlers lifecycle;

    @BeforeEach
    void freshStores() {
        var database = InMemoryMongo.freshDatabase();
        store = new RuleStore(database);
        reports = new RunReports(database);
        lifecycle = new RuleLifecycleHandlers(store);
    }

    private MissedRunChecker checker() {
        return new MissedRunChecker(store, reports, new MissedRunPlanner(SETTINGS, 5000), publisher, clock, SETTINGS, MATERIALISATION,
                registry);
    }

    private RuleCreated hourly(String id, CatchupPolicy policy) {
        RuleCreated rule = RuleSamples.withTimezone(RuleSamples.activeFrom(RuleSamples.withCron(RuleSamples.nightly(id), "0 * * * *"),
                MIDNIGHT), ZoneOffset.UTC);
        RuleOptions options = rule.options();
        return new RuleCreated(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), new RuleOptions(options.maxConcurrent(), 0, options.retryPolicy(),
                policy != CatchupPolicy.NONE, options.maxHistory(), policy), rule.metadata(), null, null);
    }

    private void create(RuleCreated rule) {
        lifecycle.created(rule);
        publisher.clear();
    }

    private void ran(RuleCreated rule, Instant start) {
        reports.record(OccurrenceId.of(rule.ruleId(), start).value(), start.plusSeconds(3)).block(TIMEOUT);
    }

    @Test
    void anOccurrenceWithNoRunReportedByItsStartPlusTheGraceIsMissedOnce() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        ran(rule, MIDNIGHT);
        ran(rule, MIDNIGHT.plusSeconds(7200));
        clock.set(MIDNIGHT.plus(Duration.ofHours(3)).plusSeconds(299));

        CheckPass pass = checker().check();

        // 03:00 is not due until 03:05; 01:00 is the one with no run.
        assertThat(pass).isEqualTo(new CheckPass(1, 1, 0, 0));
        OccurrenceMissed missed = publisher.missed().get(0);
        assertThat(missed.occurrenceId()).isEqualTo(OccurrenceId.of(rule.ruleId(), MIDNIGHT.plusSeconds(3600)));
        assertThat(missed.start()).isEqualTo(MIDNIGHT.plusSeconds(3600));
        assertThat(missed.detectedAt()).isEqualTo(clock.instant());
        assertThat(missed.catchUpRun()).isNull();
        assertThat(publisher.missedRecords().get(0).metadata().id())
                .isEqualTo(Identifiers.derive("occurrence-missed", missed.occurrenceId().value(), missed.start().toString()));
        publisher.clear();

        assertThat(checker().check().missed()).as("a second pass, on any replica").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(checker().check().missed()).as("03:00 is due now").isEqualTo(1);
        assertThat(registry.counter(MissedRunChecker.MISSED).count()).isEqualTo(2);
    }

    @Test
    void aRunReportIsRecordedWhateverItsOutcomeAndAnItemsIsNot() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        RunEvents events = new RunEvents(reports, store);
        OccurrenceId first = OccurrenceId.of(rule.ruleId(), MIDNIGHT);
        OccurrenceId second = OccurrenceId.of(rule.ruleId(), MIDNIGHT.plusSeconds(3600));
        RunFailed failed = new RunFailed(RunId.of("run-1"), rule.calendarId(), EntryKind.OCCURRENCE, first.value(), 1,
                MIDNIGHT.plusSeconds(60), null, "boom");
        // An item that happens to carry the occurrence's id is not a run of it.
        RunSucceeded item = new RunSucceeded(RunId.of("run-2"), rule.calendarId(), EntryKind.ITEM, second.value(), 1,
                MIDNIGHT.plusSeconds(3700), null, null);
        ConsumerContract.handled(events.on(failed, null)).block(TIMEOUT);
        ConsumerContract.handled(events.on(item, null)).block(TIMEOUT);
        clock.set(MIDNIGHT.plus(Duration.ofHours(1)).plusSeconds(400));

        checker().check();

        assertThat(publisher.missed()).extracting(OccurrenceMissed::occurrenceId).containsExactly(second);
    }

    private void reported(RunEvents events, RuleCreated heartbeat, Instant at) {
        RunSucceeded report = new RunSucceeded(RunId.of("run-" + at.toEpochMilli()), heartbeat.calendarId(), EntryKind.RULE,
                heartbeat.ruleId().value(), 1, at, "billing-sync", null);
        ConsumerContract.handled(events.on(report, null)).block(TIMEOUT);
    }

    @Test
    void aBeatWithNoReportFromAnIntervalBeforeItToItsGraceAfterItIsMissedAsNoHeartbeatAndEachReportResetsTheExpectation() {
        // OPS-HEARTBEAT: every 5 minutes with a minute's grace, far shorter than the check's own 5 minutes; never caught up.
        RuleCreated heartbeat = RuleSamples.heartbeat("rule-billing-sync", ZoneOffset.UTC, MIDNIGHT, 300, 60);
        create(heartbeat);
        RunEvents events = new RunEvents(reports, store);
        // A report at 00:00:30 accounts for the beat in its grace (00:00) and the next one (00:05).
        reported(events, heartbeat, MIDNIGHT.plusSeconds(30));

        clock.set(MIDNIGHT.plusSeconds(5 * 60 + 59));
        assertThat(checker().check().missed()).as("00:05 is within its grace still, and reported").isZero();
        clock.set(MIDNIGHT.plusSeconds(11 * 60));
        CheckPass pass = checker().check();

        assertThat(pass.missed()).isEqualTo(1);
        assertThat(pass.caughtUp()).isZero();
        OccurrenceMissed missed = publisher.missed().get(0);
        assertThat(missed.occurrenceId()).isEqualTo(OccurrenceId.of(heartbeat.ruleId(), MIDNIGHT.plusSeconds(600)));
        assertThat(missed.reason()).isEqualTo(MissedReason.NO_HEARTBEAT);
        assertThat(missed.catchUpRun()).isNull();
        assertThat(publisher.events()).as("no catch-up run of a heartbeat").isEmpty();
        publisher.clear();

        // The system is back at 00:12: the expectation starts again from there, 00:15 is accounted for, 00:20 is not.
        reported(events, heartbeat, MIDNIGHT.plusSeconds(12 * 60));
        clock.set(MIDNIGHT.plusSeconds(21 * 60));
        checker().check();

        assertThat(publisher.missed()).extracting(OccurrenceMissed::start).containsExactly(MIDNIGHT.plusSeconds(20 * 60));
    }

    @Test
    void anOrdinaryMissedRunSaysNoRunReport() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        clock.set(MIDNIGHT.plusSeconds(301));

        checker().check();

        assertThat(publisher.missed()).extracting(OccurrenceMissed::reason).containsExactly(MissedReason.NO_RUN_REPORT);
    }

    @Test
    void aRuleReportOfARuleThatIsUnknownOrNoHeartbeatIsDeadLetteredWithItsReasonAndRecordsNothing() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        RunEvents events = new RunEvents(reports, store);
        RunSucceeded ofDispatchedRule = new RunSucceeded(RunId.of("run-1"), rule.calendarId(), EntryKind.RULE, rule.ruleId().value(), 1,
                MIDNIGHT.plusSeconds(5), null, null);
        RunSucceeded ofUnknownRule = new RunSucceeded(RunId.of("run-2"), rule.calendarId(), EntryKind.RULE, "rule-unknown", 1,
                MIDNIGHT.plusSeconds(5), null, null);

        assertThatThrownBy(() -> ConsumerContract.handled(events.on(ofDispatchedRule, null)).block(TIMEOUT))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("no heartbeat");
        assertThatThrownBy(() -> ConsumerContract.handled(events.on(ofUnknownRule, null)).block(TIMEOUT))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("does not know");
        assertThat(reports.reported(List.of(OccurrenceId.of(rule.ruleId(), MIDNIGHT))).block(TIMEOUT)).isEmpty();
    }

    @Test
    void anOccurrenceTheDispatcherSkippedByItsOverlapPolicyIsNeitherMissedNorCaughtUp() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.ALL);
        create(rule);
        ran(rule, MIDNIGHT);
        Instant one = MIDNIGHT.plusSeconds(3600);
        OccurrenceSkipped skipped = new OccurrenceSkipped(OccurrenceId.of(rule.ruleId(), one), rule.ruleId(), 0, rule.calendarId(), one,
                SkipReason.MAX_CONCURRENT, 1, one);
        ConsumerContract.handled(new DispatchDecisions(reports).on(skipped, null)).block(TIMEOUT);
        clock.set(MIDNIGHT.plus(Duration.ofHours(1)).plusSeconds(400));

        CheckPass pass = checker().check();

        assertThat(pass.missed()).isZero();
        assertThat(publisher.missed()).isEmpty();
    }

    @Test
    void nothingInsideAPauseIsMissedEvenWhenTheCheckLaggedBehindTheWholePause() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        Instant pausedAt = MIDNIGHT.plus(Duration.ofHours(2)).plusSeconds(1800);
        Instant resumedAt = MIDNIGHT.plus(Duration.ofHours(6)).plusSeconds(1800);
        lifecycle.apply(new RulePaused(rule.ruleId(), pausedAt, null, null), 1);
        lifecycle.apply(new RuleResumed(rule.ruleId(), resumedAt), 2);
        clock.set(MIDNIGHT.plus(Duration.ofHours(9)));

        checker().check();

        assertThat(publisher.missed()).extracting(OccurrenceMissed::start).containsExactly(
                MIDNIGHT, MIDNIGHT.plusSeconds(3600), MIDNIGHT.plusSeconds(7200),
                MIDNIGHT.plus(Duration.ofHours(7)), MIDNIGHT.plus(Duration.ofHours(8)));
        assertThat(publisher.missed()).allSatisfy(missed -> assertThat(missed.ruleVersion()).isEqualTo(2));
        assertThat(store.find(rule.ruleId()).block(TIMEOUT).missedCheck().pauses()).as("the pause is behind the check").isEmpty();
    }

    @Test
    void aMovedOccurrenceIsMissedWhereItWasMovedToAndNotWhereTheSeriesHadIt() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        Instant twoAm = MIDNIGHT.plusSeconds(7200);
        Instant movedTo = MIDNIGHT.plus(Duration.ofHours(5)).plusSeconds(600);
        ran(rule, MIDNIGHT);
        ran(rule, MIDNIGHT.plusSeconds(3600));
        ran(rule, MIDNIGHT.plusSeconds(3 * 3600));
        ran(rule, MIDNIGHT.plusSeconds(4 * 3600));
        ran(rule, MIDNIGHT.plusSeconds(5 * 3600));
        lifecycle.apply(new RuleOccurrenceMoved(rule.ruleId(), OccurrenceId.of(rule.ruleId(), twoAm), twoAm, movedTo, MIDNIGHT, null), 1);
        clock.set(MIDNIGHT.plus(Duration.ofHours(5)).plusSeconds(899));
        assertThat(checker().check().missed()).as("02:00 stands at 05:10 now, not due before 05:15").isZero();

        clock.set(MIDNIGHT.plus(Duration.ofHours(5)).plusSeconds(1000));
        checker().check();
        checker().check();

        assertThat(publisher.missed()).singleElement().satisfies(missed -> {
            assertThat(missed.occurrenceId()).isEqualTo(OccurrenceId.of(rule.ruleId(), twoAm));
            assertThat(missed.start()).isEqualTo(movedTo);
            assertThat(missed.resolvedAt()).isEqualTo(twoAm);
        });
    }

    @Test
    void aDeletedRuleIsCheckedUpToItsDeletionAndThenNeverAgain() {
        RuleCreated rule = hourly("rule-hourly", CatchupPolicy.NONE);
        create(rule);
        lifecycle.apply(new RuleDeleted(rule.ruleId(), MIDNIGHT.plusSeconds(5400)), 1);
        clock.set(MIDNIGHT.plus(Duration.ofDays(2)));

        checker().check();

        assertThat(publisher.missed()).extracting(OccurrenceMissed::start).containsExactly(MIDNIGHT, MIDNIGHT.plusSeconds(3600));
        assertThat(store.dueForMissedCheck(clock.instant().plus(Duration.ofDays(3650)), 10).collectList().block(TIMEOUT)).isEmpty();
    }

    /** rule-expander was down from 00:30 to 05:40: five hourly runs went unreported. */
    @Test
    void afterDowntimeCatchUpRunsTheLatestMissedOneAllWithinTheCapOrNone() {
        RuleCreated none = hourly("rule-none", CatchupPolicy.NONE);
        RuleCreated latest = hourly("rule-latest", CatchupPolicy.LATEST);
        RuleCreated all = hourly("rule-all", CatchupPolicy.ALL);
        for (RuleCreated rule : List.of(none, latest, all)) {
            create(rule);
            ran(rule, MIDNIGHT);
        }
        clock.set(MIDNIGHT.plus(Duration.ofHours(5)).plusSeconds(2400));

        CheckPass pass = checker().check();

        assertThat(pass.missed()).isEqualTo(15);
        assertThat(pass.caughtUp()).isEqualTo(1 + 5);
        assertThat(caughtUp(none)).isEmpty();
        assertThat(caughtUp(latest)).extracting(OccurrenceMaterialized::backfillOf)
                .containsExactly(OccurrenceId.of(latest.ruleId(), MIDNIGHT.plus(Duration.ofHours(5))));
        assertThat(caughtUp(all)).hasSize(5).allSatisfy(run -> {
            assertThat(run.start()).as("all at once, now").isEqualTo(clock.instant());
            assertThat(run.occurrenceId()).isEqualTo(OccurrenceId.catchUpOf(run.backfillOf(), run.resolvedAt()));
        });
        assertThat(publisher.missed()).filteredOn(missed -> missed.ruleId().equals(latest.ruleId()))
                .extracting(OccurrenceMissed::catchUpRun).containsOnlyOnce(caughtUp(latest).get(0).occurrenceId()).containsNull();
    }

    /** Down for two days: never more than the cap, only the latest within the window, none older than it. */
    @Test
    void catchUpIsNeverAnUnboundedBurst() {
        RuleCreated all = hourly("rule-all", CatchupPolicy.ALL);
        create(all);
        clock.set(MIDNIGHT.plus(Duration.ofDays(2)).plusSeconds(600));

        CheckPass pass = checker().check();

        assertThat(pass.missed()).as("00:00 on the first day to 00:00 on the third").isEqualTo(49);
        assertThat(pass.caughtUp()).isEqualTo(SETTINGS.maxCatchUpRuns());
        assertThat(caughtUp(all)).extracting(OccurrenceMaterialized::resolvedAt)
                .allMatch(start -> !start.isBefore(clock.instant().minus(SETTINGS.catchUpWindow())))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(39, 48)
                        .mapToObj(hour -> MIDNIGHT.plus(Duration.ofHours(hour))).toList());
    }

    @Test
    void theSameCheckGivesTheSameRecords() {
        RuleCreated rule = hourly("rule-all", CatchupPolicy.ALL);
        create(rule);
        clock.set(MIDNIGHT.plus(Duration.ofHours(3)));
        var stored = store.find(rule.ruleId()).block(TIMEOUT);
        MissedRunPlanner planner = new MissedRunPlanner(SETTINGS, 5000);
        RuleOrigin origin = RuleOrigin.at(stored.origin(), clock.instant());

        var first = planner.decide(stored, planner.candidates(stored, clock.instant()), Set.of(), clock.instant(), origin);
        var again = planner.decide(stored, planner.candidates(stored, clock.instant()), Set.of(), clock.instant(), origin);

        assertThat(again).isEqualTo(first);
        assertThat(first.missed()).extracting(missed -> missed.metadata().id()).doesNotHaveDuplicates();
    }

    private List<OccurrenceMaterialized> caughtUp(RuleCreated rule) {
        return publisher.events().stream().filter(event -> event.ruleId().equals(rule.ruleId()) && event.backfillOf() != null).toList();
    }

    /** The rule-expander intake, as the listener drives it, on this test's store, clock and publisher. */
    private final class RuleLifecycleHandlers {

        private final TestIntake intake;

        RuleLifecycleHandlers(RuleStore rules) {
            this.intake = new TestIntake(rules, new MaterialisationPlanner(HORIZON, 5000),
                    new Materialiser(publisher, rules, new MaterialisationMetrics(registry)), publisher, clock);
        }

        void created(RuleCreated rule) {
            intake.apply(RuleSamples.envelope(rule), rule);
        }

        void apply(RuleEvent event, long version) {
            intake.apply(envelope(event, version), event);
        }
    }

    private static EventMetadata envelope(RuleEvent event, long version) {
        return RuleSamples.envelope(event, version, MIDNIGHT);
    }
}
