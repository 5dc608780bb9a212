package dev.almanac.commands.rule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

class RuleTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    /** A deactivated calendar. */
    private static final CalendarId CLOSED = CalendarId.of("cal-closed");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static final RuleId NIGHTLY = RuleId.of("rule-nightly");
    /** The one resource that exists. */
    private static final ResourceId HALL = ResourceId.of("res-hall");
    /** The clock of the lifecycle tests: a day after the rule was created. */
    private static final Instant LATER = NOW.plus(Duration.ofDays(1));

    private FixtureConfiguration<Rule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rule.class);
        fixture.registerInjectableResource(new InMemoryCalendars(id -> id.equals(OPS) || id.equals(CLOSED)
                ? Optional.of(new CalendarTerms(id, NEW_YORK, 1, OverbookingPolicy.ALLOW, ItemDurations.defaultsFor(CalendarType.QUEUE),
                        !id.equals(CLOSED), 0))
                : Optional.empty()));
        fixture.registerInjectableResource(Clock.fixed(LATER, ZoneOffset.UTC));
        fixture.registerInjectableResource((KnownResources) ids -> ids.stream().filter(id -> !id.equals(HALL))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        // Every user has room: the limit itself is counted in PostgreSQL (RuleLimitIT).
        fixture.registerInjectableResource(new RuleOwners(null, 50) {
            @Override
            public void requirePlaceFor(RuleId ruleId, String owner) {
            }
        });
    }

    private static CreateRule rule(String cron, CalendarId queue) {
        return rule(new RuleSchedule(cron, null, null), queue);
    }

    private static CreateRule rule(RuleSchedule schedule, CalendarId queue) {
        return new CreateRule(RuleId.of("rule-nightly"), new RuleDefinition("Nightly cleanup", schedule, NEW_YORK, queue, 300,
                DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, null), RuleOptions.DEFAULT,
                new RuleMetadata("platform-team", null, List.of()), List.of(), NOW));
    }

    @Test
    void aDeactivatedCalendarTakesNoNewRule() {
        fixture.givenNoPriorActivity()
                .when(rule("30 2 * * *", CLOSED))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.CONFLICT
                        && rejected.violations().get(0).field().equals("queue")
                        && rejected.violations().get(0).rule().equals("inactive")));
    }

    @Test
    void createsARuleActiveFromTheMomentItWasRequested() {
        fixture.givenNoPriorActivity()
                .when(rule("30 2 * * *", OPS))
                .expectEvents(new RuleCreated(RuleId.of("rule-nightly"), "Nightly cleanup", "30 2 * * *", NEW_YORK, OPS, 300,
                        NOW, DstPolicy.DEFAULT, new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, null),
                        RuleOptions.DEFAULT, new RuleMetadata("platform-team", null, List.of())));
    }

    @Test
    void rejectsACronThatCronUtilsCannotRead() {
        fixture.givenNoPriorActivity()
                .when(rule("61 * * * *", OPS))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).field().equals("cron")
                        && rejected.violations().get(0).rule().equals("cron_syntax")));
    }

    @Test
    void rejectsACronThatNeverFires() {
        fixture.givenNoPriorActivity()
                .when(rule("0 0 30 2 *", OPS))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.getMessage().contains("never fires")
                        && rejected.violations().get(0).field().equals("cron")
                        && rejected.violations().get(0).rule().equals("never_fires")));
    }

    @Test
    void createsARuleScheduledByAnRruleWithAnEmptyCron() {
        RecurrenceRule lastFridays = new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"),
                List.of(), List.of());

        fixture.givenNoPriorActivity()
                .when(rule(new RuleSchedule("", null, lastFridays), OPS))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(event ->
                        event instanceof RuleCreated created && created.cron().isEmpty() && lastFridays.equals(created.rrule())
                                && created.cronDialect() == null), Matchers.andNoMore())));
    }

    @Test
    void rejectsAnRruleThatNeverFiresNamingTheRrule() {
        RecurrenceRule leapDayThirtieth = new RecurrenceRule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", LocalDateTime.parse("2026-12-01T10:00:00"),
                List.of(), List.of());

        fixture.givenNoPriorActivity()
                .when(rule(new RuleSchedule("", null, leapDayThirtieth), OPS))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).field().equals("rrule")
                        && rejected.violations().get(0).rule().equals("never_fires")));
    }

    @Test
    void acceptsAQuartzCronWithNamesInItsDialect() {
        fixture.givenNoPriorActivity()
                .when(rule(new RuleSchedule("0 30 9 ? JAN-MAR MON-FRI", CronSyntax.QUARTZ, null), OPS))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(event ->
                        event instanceof RuleCreated created && created.cronDialect() == CronSyntax.QUARTZ), Matchers.andNoMore())));
    }

    @Test
    void rejectsAQueueThatNamesNoCalendar() {
        fixture.givenNoPriorActivity()
                .when(rule("30 2 * * *", CalendarId.of("cal-elsewhere")))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.UNKNOWN_REFERENCE
                        && rejected.violations().get(0).field().equals("queue")));
    }

    @Test
    void aRepeatRequestedLaterIsStillARepeat() {
        CreateRule first = rule("30 2 * * *", OPS);
        CreateRule later = new CreateRule(first.ruleId(), first.definition().activeFrom(NOW.plusSeconds(30)));

        org.assertj.core.api.Assertions.assertThat(later.isRepeatOf(first.toEvent())).isTrue();
        org.assertj.core.api.Assertions.assertThat(rule("0 3 * * *", OPS).isRepeatOf(first.toEvent())).isFalse();
    }

    @Test
    void pausesAnActiveRuleNowUntilItsResumeAfter() {
        Instant resumeAfter = LATER.plus(Duration.ofDays(3));

        fixture.given(created())
                .when(new PauseRule(NIGHTLY, resumeAfter, "Venue closed", null))
                .expectEvents(new RulePaused(NIGHTLY, LATER, resumeAfter, "Venue closed"))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.PAUSED && done.pausedAt().equals(LATER)
                        && done.resumeAfter().equals(resumeAfter) && done.version() == 1
                        // 02:30 New York on the first day from resume_after on
                        && done.nextRun().equals(Instant.parse("2026-11-26T07:30:00Z"))));
    }

    @Test
    void aPauseWithoutResumeAfterHasNoNextRun() {
        fixture.given(created())
                .when(new PauseRule(NIGHTLY, null, null, null))
                .expectEvents(new RulePaused(NIGHTLY, LATER, null, null))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.PAUSED && done.nextRun() == null));
    }

    @Test
    void rejectsPausingAPausedRule() {
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new PauseRule(NIGHTLY, null, null, null))
                .expectNoEvents()
                .expectException(conflict("paused"));
    }

    @Test
    void rejectsAResumeAfterThatIsNotInTheFuture() {
        fixture.given(created())
                .when(new PauseRule(NIGHTLY, LATER, null, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.INVALID
                        && rejected.violations().get(0).field().equals("resume_after")
                        && rejected.violations().get(0).rule().equals("future")));
    }

    @Test
    void resumesAPausedRuleNow() {
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new ResumeRule(NIGHTLY, null))
                .expectEvents(new RuleResumed(NIGHTLY, LATER))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.ACTIVE && done.pausedAt() == null && done.version() == 2
                        && done.nextRun().equals(Instant.parse("2026-11-23T07:30:00Z"))));
    }

    /**
     * Jitter can start a run up to an hour after it resolves: resumed at {@code LATER}, the rule runs
     * next at the earliest start after it, here a run that resolved before the resume (which
     * rule-expander publishes again, as a pause withdraws by start).
     */
    @Test
    void aResumedJitteredRuleRunsNextAtTheFirstStartAfterNowThoughItResolvedBefore() {
        CreateRule every5Minutes = new CreateRule(NIGHTLY, new RuleDefinition("Sweep", new RuleSchedule("*/5 * * * *", null, null),
                NEW_YORK, OPS, 60, DstPolicy.DEFAULT, new JobTemplate("sweep_job", Map.of(), 5, null),
                new RuleOptions(null, 3600, RuleOptions.DEFAULT.retryPolicy(), false, null),
                new RuleMetadata("platform-team", null, List.of()), List.of(), NOW));
        RuleCreated created = every5Minutes.toEvent();
        Occurrence expected = RecurrenceExpander.expand(RecurrenceSpec.of(created), LATER.minus(Duration.ofHours(1)),
                        LATER.plus(Duration.ofHours(2)), 1000).occurrences().stream()
                .filter(occurrence -> occurrence.start().isAfter(LATER))
                .min(Comparator.comparing(Occurrence::start)).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(expected.resolvedInstant()).as("the case this test is about").isBefore(LATER);

        fixture.given(created, new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new ResumeRule(NIGHTLY, null))
                .expectEvents(new RuleResumed(NIGHTLY, LATER))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.nextRun().equals(expected.start())));
    }

    @Test
    void rejectsResumingAnActiveRule() {
        fixture.given(created())
                .when(new ResumeRule(NIGHTLY, null))
                .expectNoEvents()
                .expectException(conflict("not_paused"));
    }

    /** Every service reads a pause past its resume_after as over; so does the command side. */
    @Test
    void aPausePastItsResumeAfterIsOverSoItCanBePausedAgainButNotResumed() {
        RulePaused lapsed = new RulePaused(NIGHTLY, NOW.plusSeconds(60), NOW.plusSeconds(3600), null);

        fixture.given(created(), lapsed)
                .when(new ResumeRule(NIGHTLY, null))
                .expectNoEvents()
                .expectException(conflict("not_paused"));
        fixture.given(created(), lapsed)
                .when(new PauseRule(NIGHTLY, null, null, null))
                .expectEvents(new RulePaused(NIGHTLY, LATER, null, null));
    }

    @Test
    void deletesARuleForGood() {
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new DeleteRule(NIGHTLY, null))
                .expectEvents(new RuleDeleted(NIGHTLY, LATER))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.DISABLED && done.nextRun() == null && done.version() == 2));
    }

    @Test
    void aDeletedRuleTakesNoFurtherCommand() {
        for (Object command : List.of(new PauseRule(NIGHTLY, null, null, null), new ResumeRule(NIGHTLY, null),
                new DeleteRule(NIGHTLY, null))) {
            fixture.given(created(), new RuleDeleted(NIGHTLY, NOW.plusSeconds(60)))
                    .when(command)
                    .expectNoEvents()
                    .expectException(conflict("deleted"));
        }
    }

    private static RuleCreated created() {
        return rule("30 2 * * *", OPS).toEvent();
    }

    @Test
    void anUpdateReplacesTheDefinitionFromNowAndAnswersTheNewNextRun() {
        UpdateRule update = UpdateRule.replacing(rule("15 3 * * *", OPS), null);

        fixture.given(created())
                .when(update)
                .expectEvents(update.toEvent(LATER))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.ACTIVE && done.version() == 1
                        // 03:15 New York on the day after LATER (2026-11-22 12:00Z)
                        && done.nextRun().equals(Instant.parse("2026-11-23T08:15:00Z"))));
    }

    private static CreateRule booking(CreateRule rule, List<ResourceBooking> resources) {
        return new CreateRule(rule.ruleId(), rule.definition().with(null, null, null, null, null, resources));
    }

    @Test
    void aRuleBooksTheResourcesItNamesForEveryOccurrence() {
        List<ResourceBooking> hall = List.of(new ResourceBooking(HALL, ResourceRole.SECONDARY));
        CreateRule command = booking(rule("30 2 * * *", OPS), hall);

        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(command.toEvent())
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(event ->
                        event instanceof RuleCreated created && created.resources().equals(hall)))));
    }

    @Test
    void aRuleOrAnUpdateThatBooksAResourceThatDoesNotExistIsRefusedNamingEachUnknownOne() {
        List<ResourceBooking> unknown = List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY),
                new ResourceBooking(ResourceId.of("res-nowhere"), ResourceRole.PRIMARY));
        fixture.givenNoPriorActivity()
                .when(booking(rule("30 2 * * *", OPS), unknown))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.reason() == CommandRejectedException.Reason.UNKNOWN_REFERENCE
                        && rejected.violations().size() == 1
                        && rejected.violations().get(0).field().equals("resources[1].resource_id")
                        && rejected.violations().get(0).rule().equals("exists")));
        fixture.given(created())
                .when(UpdateRule.replacing(booking(rule("30 2 * * *", OPS), unknown), null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).field().equals("resources[1].resource_id")));
    }

    @Test
    void anUpdateCanChangeTheResourcesAlone() {
        UpdateRule update = UpdateRule.replacing(booking(rule("30 2 * * *", OPS), List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY))),
                null);

        fixture.given(created())
                .when(update)
                .expectEvents(update.toEvent(LATER));
    }

    @Test
    void aPausedRuleStaysPausedWhenUpdated() {
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(UpdateRule.replacing(rule("15 3 * * *", OPS), null))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.PAUSED && done.nextRun() == null));
    }

    @Test
    void rejectsUpdatingADeletedRuleOrToAScheduleThatNeverFires() {
        fixture.given(created(), new RuleDeleted(NIGHTLY, NOW.plusSeconds(60)))
                .when(UpdateRule.replacing(rule("15 3 * * *", OPS), null))
                .expectNoEvents()
                .expectException(conflict("deleted"));
        fixture.given(created())
                .when(UpdateRule.replacing(rule("0 0 30 2 *", OPS), null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.violations().get(0).rule().equals("never_fires")));
    }

    @Test
    void aDisabledRuleIsNeitherPausedNorResumedButEnabled() {
        fixture.given(created())
                .when(new DisableRule(NIGHTLY, "Frozen", null))
                .expectEvents(new RuleDisabled(NIGHTLY, LATER, "Frozen"))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.DISABLED && done.nextRun() == null && done.version() == 1));
        RuleDisabled disabled = new RuleDisabled(NIGHTLY, NOW.plusSeconds(60), null);
        fixture.given(created(), disabled).when(new ResumeRule(NIGHTLY, null)).expectNoEvents().expectException(conflict("disabled"));
        fixture.given(created(), disabled).when(new PauseRule(NIGHTLY, null, null, null)).expectNoEvents()
                .expectException(conflict("disabled"));
        fixture.given(created(), disabled).when(new DisableRule(NIGHTLY, null, null)).expectNoEvents()
                .expectException(conflict("disabled"));
        fixture.given(created(), disabled)
                .when(new EnableRule(NIGHTLY, null))
                .expectEvents(new RuleEnabled(NIGHTLY, LATER))
                .expectResultMessagePayloadMatching(Matchers.predicate(result -> result instanceof RuleChanged done
                        && done.status() == RuleStatus.ACTIVE && done.nextRun().equals(Instant.parse("2026-11-23T07:30:00Z"))));
    }

    @Test
    void onlyADisabledRuleIsEnabledAndADisabledOneMayStillBeDeleted() {
        fixture.given(created()).when(new EnableRule(NIGHTLY, null)).expectNoEvents().expectException(conflict("not_disabled"));
        fixture.given(created(), new RuleDisabled(NIGHTLY, NOW.plusSeconds(60), null))
                .when(new DeleteRule(NIGHTLY, null))
                .expectEvents(new RuleDeleted(NIGHTLY, LATER));
        fixture.given(created(), new RuleDeleted(NIGHTLY, NOW.plusSeconds(60)))
                .when(new EnableRule(NIGHTLY, null)).expectNoEvents().expectException(conflict("deleted"));
    }

    @Test
    void anEmergencyPausesOnlyARunningRuleAndItsUndoResumesOnlyWhatItPaused() {
        fixture.given(created())
                .when(new EmergencyPauseRule(NIGHTLY, "emergency-1", "Queue down"))
                .expectEvents(new RulePaused(NIGHTLY, LATER, null, "Queue down", "emergency-1"))
                .expectResultMessagePayload(true);
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new EmergencyPauseRule(NIGHTLY, "emergency-1", null))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(created(), new RuleDisabled(NIGHTLY, NOW.plusSeconds(60), null))
                .when(new EmergencyPauseRule(NIGHTLY, "emergency-1", null))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null, "emergency-1"))
                .when(new EmergencyResumeRule(NIGHTLY, "emergency-1"))
                .expectEvents(new RuleResumed(NIGHTLY, LATER)).expectResultMessagePayload(true);
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null))
                .when(new EmergencyResumeRule(NIGHTLY, "emergency-1"))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(created(), new RulePaused(NIGHTLY, NOW.plusSeconds(60), null, null, "emergency-0"))
                .when(new EmergencyResumeRule(NIGHTLY, "emergency-1"))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    private static org.hamcrest.Matcher<?> conflict(String rule) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                && rejected.reason() == CommandRejectedException.Reason.CONFLICT
                && rejected.violations().get(0).field().equals("id")
                && rejected.violations().get(0).rule().equals(rule)
                && rejected.getMessage().contains("rule-nightly"));
    }
}
