package dev.almanac.commands.rule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.resource.KnownResources;
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
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;

/**
 * F033-OWNERSHIP, "a rule is changed only by its creator or by someone with explicit permission" (ADR
 * 0062): the rule knows its creator from its creation's event; anyone else needs the manager role
 * on its queue, unless the queue has no grants.
 */
class RuleOwnershipTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final RuleId NIGHTLY = RuleId.of("rule-nightly");
    private static final RuleCreated CREATED = new RuleCreated(NIGHTLY, "Nightly cleanup", "30 2 * * *", NEW_YORK, OPS, 300,
            Instant.parse("2026-11-21T12:00:00Z"), DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of(), null, null),
            RuleOptions.DEFAULT, RuleMetadata.NONE);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant TOMORROW = Instant.parse("2026-11-23T07:30:00Z");
    private static final OccurrenceId TOMORROWS = OccurrenceId.of(NIGHTLY, TOMORROW);
    private static final OccurrenceId THIS_MORNINGS = OccurrenceId.of(NIGHTLY, Instant.parse("2026-11-22T07:30:00Z"));
    private static final RulePaused PAUSED = new RulePaused(NIGHTLY, NOW, null, null);
    private static final Map<String, Object> BOB = as("bob");
    private static final Map<String, Object> CAROL = as("carol");
    private static final Map<String, Object> ALICE = as("alice");

    private FixtureConfiguration<Rule> fixture;
    /** Bob and carol schedule on the queue; alice manages it. */
    private CalendarAccess queueAccess = CalendarAccess.OPEN.granted(UserId.of("bob"), CalendarRole.SCHEDULER)
            .granted(UserId.of("carol"), CalendarRole.SCHEDULER).granted(UserId.of("alice"), CalendarRole.MANAGER);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rule.class);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> Optional.of(new CalendarTerms(id, NEW_YORK, 1, OverbookingPolicy.ALLOW,
                ItemDurations.defaultsFor(CalendarType.QUEUE), true, 0, queueAccess))));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((KnownResources) ids -> Set.of());
        fixture.registerInjectableResource(new RuleOwners(null, 50) {
            @Override
            public void requirePlaceFor(RuleId ruleId, String owner) {
            }
        });
    }

    @Test
    void itsCreatorWithTheSchedulerRoleMayPauseAndUpdateIt() {
        fixture.given(createdBy("bob")).when(new PauseRule(NIGHTLY, null, null, null), BOB).expectEvents(PAUSED);
        UpdateRule update = update();
        fixture.given(createdBy("bob")).when(update, BOB).expectEvents(update.toEvent(NOW));
    }

    /** Every command that changes the rule refuses another scheduler, with nothing applied. */
    @Test
    void anotherSchedulerOfTheQueueMayChangeNoneOfIt() {
        for (Object command : List.of(new PauseRule(NIGHTLY, null, null, null), update(), new DisableRule(NIGHTLY, null, null),
                new DeleteRule(NIGHTLY, null), new MoveOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), TOMORROW.plusSeconds(3600), null, null),
                new CancelOccurrence(NIGHTLY, OccurrenceRef.of(TOMORROWS), null, null),
                new DecideMissedRun(NIGHTLY, OccurrenceRef.of(THIS_MORNINGS), MissedRunAction.DELETE_MISSED, null, null, null),
                new EndSeries(NIGHTLY, OccurrenceRef.of(TOMORROWS), RuleId.of("rule-nightly-v2")))) {
            fixture.given(createdBy("bob")).when(command, CAROL).expectNoEvents().expectException(notTheirs("which bob created"));
        }
        fixture.given(createdBy("bob"), PAUSED).when(new ResumeRule(NIGHTLY, null), CAROL)
                .expectNoEvents().expectException(notTheirs("which bob created"));
        fixture.given(createdBy("bob"), new RuleDisabled(NIGHTLY, NOW, null)).when(new EnableRule(NIGHTLY, null), CAROL)
                .expectNoEvents().expectException(notTheirs("which bob created"));
    }

    @Test
    void theQueuesManagerMayChangeARuleSomeoneElseCreated() {
        fixture.given(createdBy("bob")).when(new PauseRule(NIGHTLY, null, null, null), ALICE).expectEvents(PAUSED);
        UpdateRule update = update();
        fixture.given(createdBy("bob")).when(update, ALICE).expectEvents(update.toEvent(NOW));
    }

    /** An admin is manager of every calendar, without a grant. */
    @Test
    void anAdminMayChangeAnyRule() {
        Map<String, Object> admin = Map.of(CommandMetadata.ACTOR, "root", CommandMetadata.ACTOR_ADMIN, true);
        fixture.given(createdBy("bob")).when(new DeleteRule(NIGHTLY, null), admin).expectEvents(new RuleDeleted(NIGHTLY, NOW));
        // Without the admin flag the same user is a stranger to the queue, to whom it does not exist (ADR 0086).
        fixture.given(createdBy("bob")).when(new DeleteRule(NIGHTLY, null), as("root"))
                .expectNoEvents().expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                        && refused.reason() == CommandRejectedException.Reason.HIDDEN));
    }

    /** A queue without grants is open to every scheduler, as before ownership (ADR 0027): anyone may change its rules. */
    @Test
    void onAQueueWithoutGrantsAnyoneMayChangeAnyRule() {
        queueAccess = CalendarAccess.OPEN;
        fixture.given(createdBy("bob")).when(new PauseRule(NIGHTLY, null, null, null), CAROL).expectEvents(PAUSED);
        fixture.given(CREATED).when(new PauseRule(NIGHTLY, null, null, null), CAROL).expectEvents(PAUSED);
    }

    /**
     * A rule created before ownership was checked: the actor was always recorded on its creation's
     * event, so the rule rebuilt from its history knows its creator, whoever changed it since.
     */
    @Test
    void aRuleRebuiltFromItsEventsKnowsItsCreatorWhoeverChangedItSince() {
        EventMessage<?> pausedByAlice = GenericEventMessage.asEventMessage(PAUSED).andMetaData(ALICE);
        EventMessage<?> resumedByAlice = GenericEventMessage.asEventMessage(new RuleResumed(NIGHTLY, NOW)).andMetaData(ALICE);

        fixture.given(createdBy("bob"), pausedByAlice, resumedByAlice).when(new PauseRule(NIGHTLY, null, null, null), BOB)
                .expectEvents(PAUSED);
        fixture.given(createdBy("bob"), pausedByAlice, resumedByAlice).when(new PauseRule(NIGHTLY, null, null, null), CAROL)
                .expectNoEvents().expectException(notTheirs("which bob created"));
    }

    /** A creation that recorded no actor leaves a rule that only the queue's manager changes once the queue has grants. */
    @Test
    void aRuleWithoutARecordedCreatorIsTheManagersToChange() {
        fixture.given(CREATED).when(new PauseRule(NIGHTLY, null, null, null), CAROL)
                .expectNoEvents().expectException(notTheirs("whose creator is not recorded"));
        fixture.given(CREATED).when(new PauseRule(NIGHTLY, null, null, null), ALICE).expectEvents(PAUSED);
    }

    private static UpdateRule update() {
        return new UpdateRule(NIGHTLY, new RuleDefinition("Nightly cleanup", new RuleSchedule("15 3 * * *", null, null), NEW_YORK, OPS,
                300, DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of(), null, null), RuleOptions.DEFAULT,
                RuleMetadata.NONE, List.of(), NOW), null);
    }

    private static Map<String, Object> as(String actor) {
        return Map.of(CommandMetadata.ACTOR, actor);
    }

    private static EventMessage<?> createdBy(String actor) {
        return GenericEventMessage.asEventMessage(CREATED).andMetaData(as(actor));
    }

    /** 403 on {@code id}, rule {@code rule_owner}, needing the manager role, with a message that says whose the rule is. */
    private static Matcher<?> notTheirs(String whose) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.FORBIDDEN && "manager".equals(refused.requiredRole())
                && refused.violations().get(0).field().equals("id") && refused.violations().get(0).rule().equals("rule_owner")
                && refused.violations().get(0).message().contains(whose));
    }
}
