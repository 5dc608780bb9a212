package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleRunRequested;

/** Exceptions to a rule's series and decisions on missed runs, as aggregate fixtures (ADR 0023). */
class RuleExceptionsTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final RuleId NIGHTLY = RuleId.of("rule-nightly");
    /** 02:30 every night in New York: 07:30Z in winter. */
    private static final RuleCreated CREATED = new RuleCreated(NIGHTLY, "Nightly cleanup", "30 2 * * *", NEW_YORK, OPS, 300,
            Instant.parse("2026-11-21T12:00:00Z"), DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of(), null, null),
            RuleOptions.DEFAULT, RuleMetadata.NONE);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    /** The first run after now, and the one before it, already due. */
    private static final Instant TOMORROW = Instant.parse("2026-11-23T07:30:00Z");
    private static final Instant THIS_MORNING = Instant.parse("2026-11-22T07:30:00Z");
    private static final OccurrenceId TOMORROWS = OccurrenceId.of(NIGHTLY, TOMORROW);
    private static final OccurrenceId THIS_MORNINGS = OccurrenceId.of(NIGHTLY, THIS_MORNING);

    private FixtureConfiguration<Rule> fixture;
    /** The queue's grants: none, so open to every scheduler, unless a test closes it. */
    private CalendarAccess queueAccess = CalendarAccess.OPEN;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rule.class);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> Optional.of(new CalendarTerms(id, NEW_YORK, 1, OverbookingPolicy.ALLOW,
                ItemDurations.defaultsFor(CalendarType.QUEUE), true, 0, queueAccess))));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new RuleOwners(null, 50) {
            @Override
            public void requirePlaceFor(RuleId ruleId, String owner) {
            }
        });
    }

    private static Matcher<?> refused(CommandRejectedException.Reason reason, String field, String rule) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected && rejected.reason() == reason
                && rejected.violations().get(0).field().equals(field) && rejected.violations().get(0).rule().equals(rule));
    }

    @Test
    void movesAnOccurrenceKeepingItsIdentityAndAnswersWhereItIsNow() {
        Instant noon = Instant.parse("2026-11-23T17:00:00Z");

        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), noon, "Maintenance window moved", null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, TOMORROWS, TOMORROW, noon, NOW, "Maintenance window moved"))
                .expectResultMessagePayload(new OccurrenceChanged(TOMORROWS, TOMORROW, "moved", noon, noon.plusSeconds(300), null, 1));
    }

    @Test
    void anOccurrenceMayBeNamedByItsRecurrenceIdButNotByAnInstantTheRuleNeverProduces() {
        Instant noon = Instant.parse("2026-11-23T17:00:00Z");

        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.at(TOMORROW), noon, null, null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, TOMORROWS, TOMORROW, noon, NOW, null));
        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.at(TOMORROW.plusSeconds(60)), noon, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "produced"));
    }

    @Test
    void anOccurrenceBeforeTheRuleWasActiveIsNotOneOfItsOwn() {
        Instant dayBeforeCreation = Instant.parse("2026-11-20T07:30:00Z");

        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.at(dayBeforeCreation), MissedRunAction.DELETE_MISSED, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "produced"));
        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(OccurrenceId.of(NIGHTLY, dayBeforeCreation)),
                        MissedRunAction.DELETE_MISSED, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "exists"));
    }

    @Test
    void skipNextCancelsTheNextRunAndTheOneAfterOnTheSecondSkip() {
        Instant dayAfter = TOMORROW.plus(Duration.ofDays(1));

        fixture.given(CREATED)
                .when(new SkipNextOccurrence(NIGHTLY, null, null))
                .expectEvents(new RuleOccurrenceCancelled(NIGHTLY, TOMORROWS, TOMORROW, NOW, OccurrenceExceptions.SKIPPED))
                .expectResultMessagePayload(new OccurrenceChanged(TOMORROWS, TOMORROW, "skipped", TOMORROW, TOMORROW.plusSeconds(300), null, 1));
        fixture.given(CREATED, new RuleOccurrenceCancelled(NIGHTLY, TOMORROWS, TOMORROW, NOW, OccurrenceExceptions.SKIPPED))
                .when(new SkipNextOccurrence(NIGHTLY, "holiday", null))
                .expectEvents(new RuleOccurrenceCancelled(NIGHTLY, OccurrenceId.of(NIGHTLY, dayAfter), dayAfter, NOW, "holiday"));
    }

    @Test
    void skipNextOfAPausedRuleSkipsTheFirstRunAfterThePauseAndADisabledRuleHasNoneToSkip() {
        Instant resumeAfter = Instant.parse("2026-11-25T00:00:00Z");
        Instant firstAfterPause = Instant.parse("2026-11-25T07:30:00Z");

        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), resumeAfter, "travel"))
                .when(new SkipNextOccurrence(NIGHTLY, null, null))
                .expectEvents(new RuleOccurrenceCancelled(NIGHTLY, OccurrenceId.of(NIGHTLY, firstAfterPause), firstAfterPause, NOW,
                        OccurrenceExceptions.SKIPPED));
        fixture.given(CREATED, new RuleDisabled(NIGHTLY, NOW.minusSeconds(60), null))
                .when(new SkipNextOccurrence(NIGHTLY, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "id", "no_next_run"));
    }

    @Test
    void runNowAsksForARunOfItsOwnNamedByItsVersionAndAPauseDoesNotHoldItBack() {
        fixture.given(CREATED)
                .when(new RunRuleNow(NIGHTLY, "before the release", null))
                .expectEvents(new RuleRunRequested(NIGHTLY, OccurrenceId.runNowOf(NIGHTLY, 1), NOW, "before the release"))
                .expectResultMessagePayload(new RunRequested(OccurrenceId.runNowOf(NIGHTLY, 1), NOW, 1));
        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), null, "travel"),
                        new RuleRunRequested(NIGHTLY, OccurrenceId.runNowOf(NIGHTLY, 2), NOW.minusSeconds(30), null))
                .when(new RunRuleNow(NIGHTLY, null, 2L))
                .expectEvents(new RuleRunRequested(NIGHTLY, OccurrenceId.runNowOf(NIGHTLY, 3), NOW, null));
    }

    @Test
    void runNowIsRefusedForADisabledOrDeletedRuleAndForAStaleVersion() {
        fixture.given(CREATED, new RuleDisabled(NIGHTLY, NOW.minusSeconds(60), null))
                .when(new RunRuleNow(NIGHTLY, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "id", "disabled"));
        fixture.given(CREATED, new RuleDeleted(NIGHTLY, NOW.minusSeconds(60)))
                .when(new RunRuleNow(NIGHTLY, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "id", "deleted"));
        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), null, "travel"))
                .when(new RunRuleNow(NIGHTLY, null, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void anOccurrenceIdOfAnotherRuleIsNotFound() {
        fixture.given(CREATED)
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(OccurrenceId.of(RuleId.of("rule-other"), TOMORROW)), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "exists"));
    }

    @Test
    void aMoveIntoThePastIsRefused() {
        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), NOW.minusSeconds(1), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.INVALID, "new_time", "future"));
    }

    @Test
    void anOccurrenceThatHasStartedCannotBeMovedOrCancelled() {
        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.at(THIS_MORNING), TOMORROW.plusSeconds(3600), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "started"));
        // Moved into the past's reach: moved to 11:00 today, it has started by noon.
        fixture.given(CREATED, new RuleOccurrenceMoved(NIGHTLY, TOMORROWS, TOMORROW, NOW.minusSeconds(3600), NOW.minusSeconds(7200), null))
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "started"));
    }

    @Test
    void aCancelledOccurrenceStaysCancelled() {
        RuleOccurrenceCancelled cancelled = new RuleOccurrenceCancelled(NIGHTLY, TOMORROWS, TOMORROW, NOW, "Holiday");

        fixture.given(CREATED)
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), "Holiday", null))
                .expectEvents(cancelled);
        fixture.given(CREATED, cancelled)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), TOMORROW.plusSeconds(3600), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "cancelled"));
    }

    @Test
    void aMoveIsNotPutWhereTheRuleDoesNotRun() {
        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), Instant.parse("2026-11-25T00:00:00Z"), null))
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), TOMORROW.plusSeconds(3600), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "new_time", "paused"));
        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), Instant.parse("2026-11-25T00:00:00Z"), null))
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), Instant.parse("2026-11-25T12:00:00Z"), null, null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, TOMORROWS, TOMORROW, Instant.parse("2026-11-25T12:00:00Z"), NOW, null));
        fixture.given(CREATED, new RuleDisabled(NIGHTLY, NOW.minusSeconds(60), null))
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), TOMORROW.plusSeconds(3600), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "id", "disabled"));
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(CREATED, new RuleOccurrenceCancelled(NIGHTLY, OccurrenceId.of(NIGHTLY, TOMORROW.plus(Duration.ofDays(1))),
                        TOMORROW.plus(Duration.ofDays(1)), NOW, null))
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), TOMORROW.plusSeconds(3600), null, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void aDeletedRuleTakesNoException() {
        fixture.given(CREATED, new RuleDeleted(NIGHTLY, NOW.minusSeconds(60)))
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "id", "deleted"));
    }

    @Test
    void oneRuleKeepsAtMostAThousandExceptions() {
        List<Object> history = new ArrayList<>(List.of(CREATED));
        for (int day = 2; day < 2 + OccurrenceExceptions.MAX_EXCEPTIONS; day++) {
            Instant later = TOMORROW.plus(Duration.ofDays(day));
            history.add(new RuleOccurrenceCancelled(NIGHTLY, OccurrenceId.of(NIGHTLY, later), later, NOW, null));
        }

        fixture.given(history)
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "max_exceptions"));
    }

    /** New York springs forward on 14 March 2027: 02:30 does not exist and runs at 03:30 EDT, 07:30Z. */
    @Test
    void anOccurrenceShiftedByTheSpringGapIsMovedByTheInstantItResolvedTo() {
        Instant shifted = Instant.parse("2027-03-14T07:30:00Z");
        Instant nextMorning = Instant.parse("2027-03-15T06:30:00Z");
        Instant movedTo = Instant.parse("2027-03-14T13:00:00Z");

        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(OccurrenceId.of(NIGHTLY, shifted)), movedTo, null, null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, OccurrenceId.of(NIGHTLY, shifted), shifted, movedTo, NOW, null));
        // 02:30 EST (06:30Z) does not exist that night.
        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.at(Instant.parse("2027-03-14T06:30:00Z")), movedTo, null, null))
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "produced"));
        fixture.given(CREATED)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.at(nextMorning), movedTo, null, null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, OccurrenceId.of(NIGHTLY, nextMorning), nextMorning, movedTo, NOW, null));
    }

    /**
     * An exception changes the rule's schedule, so, like an update, it needs the scheduler role on the
     * rule's queue (ADR 0027): once the queue has grants, a caller without one is refused (403, field
     * id) and nothing is applied; its scheduler may.
     */
    @Test
    void changingOneOccurrenceNeedsTheSchedulerRoleOnTheRulesQueue() {
        queueAccess = CalendarAccess.OPEN.granted(UserId.of("alice"), CalendarRole.MANAGER).granted(UserId.of("bob"), CalendarRole.SCHEDULER)
                .granted(UserId.of("dave"), CalendarRole.VIEWER);
        Map<String, Object> stranger = Map.of(CommandMetadata.ACTOR, "carol");
        Map<String, Object> viewer = Map.of(CommandMetadata.ACTOR, "dave");
        Instant noon = Instant.parse("2026-11-23T17:00:00Z");

        // Each as the rule's creator, which without the scheduler role on the queue is not enough (ADR 0062).
        for (Map<String, Object> caller : List.of(stranger, viewer)) {
            fixture.given(createdBy(caller)).when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), noon, null, null), caller)
                    .expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller)).when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null), caller)
                    .expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller))
                    .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.DELETE_MISSED, null, null, null),
                            caller)
                    .expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller)).when(new EndSeries(NIGHTLY, OccurrenceRef.of(TOMORROWS), RuleId.of("rule-nightly-v2")), caller)
                    .expectNoEvents().expectException(refused(caller));
        }
        // Bob schedules on the queue and created the rule; alice manages the queue (ADR 0062).
        fixture.given(createdBy("bob")).when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), noon, null, null),
                        Map.of(CommandMetadata.ACTOR, "bob"))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, TOMORROWS, TOMORROW, noon, NOW, null));
        fixture.given(createdBy("bob")).when(new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null),
                        Map.of(CommandMetadata.ACTOR, "alice"))
                .expectEvents(new RuleOccurrenceCancelled(NIGHTLY, TOMORROWS, TOMORROW, NOW, null));
    }

    /**
     * Pausing, resuming, disabling, enabling and deleting a rule change what its queue runs, as an
     * update does: once the queue has grants, they need the scheduler role on it (ADR 0027).
     */
    @Test
    void theRulesLifecycleNeedsTheSchedulerRoleOnItsQueue() {
        queueAccess = CalendarAccess.OPEN.granted(UserId.of("bob"), CalendarRole.SCHEDULER).granted(UserId.of("dave"), CalendarRole.VIEWER);
        RulePaused paused = new RulePaused(NIGHTLY, NOW, null, null);
        RuleDisabled disabled = new RuleDisabled(NIGHTLY, NOW, null);

        for (Map<String, Object> caller : List.of(Map.<String, Object>of(CommandMetadata.ACTOR, "carol"),
                Map.<String, Object>of(CommandMetadata.ACTOR, "dave"))) {
            // As the rule's creator, which without the scheduler role on the queue is not enough (ADR 0062).
            fixture.given(createdBy(caller)).when(new PauseRule(NIGHTLY, null, null, null), caller).expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller), paused).when(new ResumeRule(NIGHTLY, null), caller).expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller)).when(new DisableRule(NIGHTLY, null, null), caller).expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller), disabled).when(new EnableRule(NIGHTLY, null), caller).expectNoEvents().expectException(refused(caller));
            fixture.given(createdBy(caller)).when(new DeleteRule(NIGHTLY, null), caller).expectNoEvents().expectException(refused(caller));
        }
        // Bob schedules on the queue and created the rule (ADR 0062).
        fixture.given(createdBy("bob")).when(new PauseRule(NIGHTLY, null, null, null), Map.of(CommandMetadata.ACTOR, "bob"))
                .expectEvents(paused);
        fixture.given(createdBy("bob")).when(new DeleteRule(NIGHTLY, null), Map.of(CommandMetadata.ACTOR, "bob"))
                .expectEvents(new RuleDeleted(NIGHTLY, NOW));
    }

    /** {@link #CREATED} as {@code actor}'s command recorded it: its creator (ADR 0062). */
    private static EventMessage<?> createdBy(String actor) {
        return GenericEventMessage.asEventMessage(CREATED).andMetaData(Map.of(CommandMetadata.ACTOR, actor));
    }

    /** {@link #CREATED} by the actor of {@code metaData}, a command's. */
    private static EventMessage<?> createdBy(Map<String, Object> metaData) {
        return createdBy((String) metaData.get(CommandMetadata.ACTOR));
    }

    /** Carol has no role on the queue, to whom it does not exist (ADR 0086); dave views it, and lacks the scheduler role. */
    private static Matcher<?> refused(Map<String, Object> caller) {
        return "carol".equals(caller.get(CommandMetadata.ACTOR)) ? Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.HIDDEN && refused.violations().get(0).field().equals("id"))
                : forbidden();
    }

    private static Matcher<?> forbidden() {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.FORBIDDEN && "scheduler".equals(refused.requiredRole())
                && refused.violations().get(0).field().equals("id") && refused.violations().get(0).rule().equals("role"));
    }

    @Test
    void endsTheSeriesAtAnOccurrenceAfterWhichItProducesNone() {
        RuleId successor = RuleId.of("rule-nightly-v2");

        fixture.given(CREATED)
                .when(new EndSeries(NIGHTLY, OccurrenceRef.of(TOMORROWS), successor))
                .expectEvents(new RuleEnded(NIGHTLY, TOMORROW, NOW, successor))
                .expectResultMessagePayload(TOMORROW);
        fixture.given(CREATED, new RuleEnded(NIGHTLY, TOMORROW, NOW, successor))
                .when(new CancelOccurrence(NIGHTLY, OccurrenceRef.at(TOMORROW.plus(Duration.ofDays(1))), null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "produced"));
    }

    @Test
    void aMissedOccurrenceIsBackfilledOnceFromItsStart() {
        OccurrenceId backfill = OccurrenceId.backfillOf(THIS_MORNINGS, THIS_MORNING);
        RuleMissedRunDecided approved = new RuleMissedRunDecided(NIGHTLY, THIS_MORNINGS, THIS_MORNING, THIS_MORNING,
                MissedRunAction.APPROVE_BACKFILL_RUN, NOW, backfill, NOW, "needed today");

        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.APPROVE_BACKFILL_RUN, null,
                        "needed today", null))
                .expectEvents(approved)
                .expectResultMessagePayload(new OccurrenceChanged(THIS_MORNINGS, THIS_MORNING, "backfill_approved", NOW,
                        NOW.plusSeconds(300), backfill, 1));
        fixture.given(CREATED, approved)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.DELETE_MISSED, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "decided"));
    }

    @Test
    void aRescheduledMissedOccurrenceCanBeDecidedAgainOnceItsNewTimeHasPassed() {
        Instant elevenAm = NOW.minusSeconds(3600);
        RuleMissedRunDecided rescheduled = new RuleMissedRunDecided(NIGHTLY, THIS_MORNINGS, THIS_MORNING, THIS_MORNING,
                MissedRunAction.RESCHEDULE, elevenAm, null, NOW.minusSeconds(7200), null);

        fixture.given(CREATED, rescheduled)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.DELETE_MISSED, null, null, null))
                .expectEvents(new RuleMissedRunDecided(NIGHTLY, THIS_MORNINGS, THIS_MORNING, elevenAm, MissedRunAction.DELETE_MISSED, null,
                        null, NOW, null));
    }

    @Test
    void onlyAnOccurrenceWhoseTimeHasPassedIsDecidedAsMissed() {
        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.at(TOMORROW), MissedRunAction.DELETE_MISSED, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "not_due"));
        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.RESCHEDULE, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.INVALID, "new_time", "required"));
        fixture.given(CREATED, new RulePaused(NIGHTLY, NOW.minusSeconds(60), null, null))
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.APPROVE_BACKFILL_RUN, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "new_time", "paused"));
    }

    @Test
    void aRescheduleOfAMissedRunMovesItAndADeletionCancelsIt() {
        Instant tonight = Instant.parse("2026-11-22T23:00:00Z");
        RuleMissedRunDecided rescheduled = new RuleMissedRunDecided(NIGHTLY, THIS_MORNINGS, THIS_MORNING, THIS_MORNING,
                MissedRunAction.RESCHEDULE, tonight, null, NOW, null);

        fixture.given(CREATED)
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.RESCHEDULE, tonight, null, null))
                .expectEvents(rescheduled);
        // Rescheduled to tonight, it has not started: it can be moved again as any future occurrence.
        fixture.given(CREATED, rescheduled)
                .when(new MoveOccurrence(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), tonight.plusSeconds(3600), null, null))
                .expectEvents(new RuleOccurrenceMoved(NIGHTLY, THIS_MORNINGS, THIS_MORNING, tonight.plusSeconds(3600), NOW, null));
        fixture.given(CREATED, new RuleMissedRunDecided(NIGHTLY, THIS_MORNINGS, THIS_MORNING, THIS_MORNING,
                        MissedRunAction.DELETE_MISSED, null, null, NOW, null))
                .when(new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.APPROVE_BACKFILL_RUN, null, null, null))
                .expectNoEvents()
                .expectException(refused(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "cancelled"));
    }

    @Test
    void theNextRunSkipsACancelledOccurrenceAndMeetsAMovedOne() {
        Instant resumeAfter = NOW.plusSeconds(3600);
        Instant inTwoDays = TOMORROW.plus(Duration.ofDays(1));

        fixture.given(CREATED, new RuleOccurrenceCancelled(NIGHTLY, TOMORROWS, TOMORROW, NOW, null))
                .when(new PauseRule(NIGHTLY, resumeAfter, null, null))
                .expectResultMessagePayload(new RuleChanged(RuleStatus.PAUSED, NOW, resumeAfter, inTwoDays, 2));
        fixture.given(CREATED, new RuleOccurrenceMoved(NIGHTLY, OccurrenceId.of(NIGHTLY, inTwoDays), inTwoDays, NOW.plusSeconds(7200),
                        NOW, null))
                .when(new PauseRule(NIGHTLY, resumeAfter, null, null))
                .expectResultMessagePayload(new RuleChanged(RuleStatus.PAUSED, NOW, resumeAfter, NOW.plusSeconds(7200), 2));
    }
}
