package dev.almanac.commands.rule.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.rule.RuleChanged;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.rule.RuleStatus;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.identity.Caller;

/**
 * The change request as an aggregate: a proposal records what it would do and changes nothing; a
 * confirmation applies it through the rule, guarded by the proposal's version, its expiry and the
 * rule's version; a rejection closes it.
 */
class ChangeRequestTest {

    private static final ChangeRequestId CHANGE = ChangeRequestId.of("chg-1");
    private static final RuleId NIGHTLY = RuleSnapshots.NIGHTLY;
    /** A Tuesday, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2027-01-05T15:00:00Z");
    private static final Duration VALID_FOR = Duration.ofHours(1);
    private static final ResourceId HALL = ResourceId.of("res-hall");
    /** Only the hall exists. */
    private static final KnownResources KNOWN_RESOURCES = ids -> ids.stream().filter(id -> !id.equals(HALL))
            .collect(Collectors.toCollection(LinkedHashSet::new));

    private FixtureConfiguration<ChangeRequest> fixture;
    private final FakeRules rules = new FakeRules();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChangeRequest.class);
        fixture.registerInjectableResource(rules);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(KNOWN_RESOURCES);
        rules.current = RuleSnapshots.cron("30 2 * * *");
    }

    private static ProposeRuleChange instruction(String text) {
        return new ProposeRuleChange(CHANGE, NIGHTLY, text, null, null, VALID_FOR);
    }

    private static ProposeRuleChange patch(RuleChange change) {
        return new ProposeRuleChange(CHANGE, NIGHTLY, null, change, null, VALID_FOR);
    }

    @Test
    void aProposalRecordsTheChangeAndItsPreviewAgainstTheRulesVersionAndChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(instruction("every weekday at 9:30"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(Matchers.predicate(
                        (RuleChangeProposed proposed) -> proposed.changeRequestId().equals(CHANGE)
                                && proposed.ruleId().equals(NIGHTLY)
                                && proposed.ruleVersion() == 3
                                && proposed.proposedAt().equals(NOW)
                                && proposed.expiresAt().equals(NOW.plus(VALID_FOR))
                                && proposed.instruction().equals("every weekday at 9:30")
                                && proposed.change().equals(RuleChange.cron("30 9 * * 1-5", null, null))
                                && proposed.description().equals("Run at 09:30 every day between Monday and Friday instead of at 02:30")
                                // Before: 02:30 New York from Wednesday on; after: 09:30 on weekdays from Wednesday on.
                                && startsOf(proposed.before()).get(0).equals(Instant.parse("2027-01-06T07:30:00Z"))
                                && startsOf(proposed.after()).get(0).equals(Instant.parse("2027-01-06T14:30:00Z"))
                                && startsOf(proposed.after()).get(2).equals(Instant.parse("2027-01-08T14:30:00Z"))
                                && startsOf(proposed.after()).get(3).equals(Instant.parse("2027-01-11T14:30:00Z"))
                                && proposed.before().occurrences().size() == 10 && proposed.after().occurrences().size() == 10))))
                .expectSuccessfulHandlerExecution();
        assertThat(rules.applied).isEmpty();
    }

    @Test
    void anInstructionAndThePatchItWasReadAsProposeTheSameChange() {
        RuleChange[] read = new RuleChange[1];
        fixture.givenNoPriorActivity()
                .when(instruction("pause until Monday"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(Matchers.predicate(
                        (RuleChangeProposed proposed) -> (read[0] = proposed.change()) != null))));

        FixtureConfiguration<ChangeRequest> again = new AggregateTestFixture<>(ChangeRequest.class);
        again.registerInjectableResource(rules);
        again.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        again.registerInjectableResource(KNOWN_RESOURCES);
        again.givenNoPriorActivity()
                .when(patch(read[0]))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(Matchers.predicate(
                        (RuleChangeProposed proposed) -> proposed.change().equals(RuleChange.pause(Instant.parse("2027-01-11T05:00:00Z")))
                                && proposed.instruction() == null
                                && proposed.description().equals("Pause the rule until Monday 11 January 2027 00:00 America/New_York "
                                + "(2027-01-11T05:00:00Z)")
                                && proposed.after().occurrences().get(0).start().equals(Instant.parse("2027-01-11T07:30:00Z"))))));
    }

    /** ADR 0029: a patch may give the rule's occurrences other resources; each must exist, as on the rule's own update. */
    @Test
    void aProposalMayChangeTheResourcesTheOccurrencesBookAndNamesAnUnknownOne() {
        List<ResourceBooking> hall = List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY));
        RuleChange change = new RuleChange(RuleChangeAction.UPDATE, null, null, null, null, null, null, null, null, hall);
        fixture.givenNoPriorActivity()
                .when(patch(change))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(Matchers.predicate(
                        (RuleChangeProposed proposed) -> proposed.change().resources().equals(hall)
                                && proposed.description().equals("Book res-hall (primary) for each occurrence instead of no resource")))));

        RuleChange unknown = new RuleChange(RuleChangeAction.UPDATE, null, null, null, null, null, null, null, null,
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY),
                        new ResourceBooking(ResourceId.of("res-gone"), ResourceRole.SECONDARY)));
        FixtureConfiguration<ChangeRequest> again = new AggregateTestFixture<>(ChangeRequest.class);
        again.registerInjectableResource(rules);
        again.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        again.registerInjectableResource(KNOWN_RESOURCES);
        again.givenNoPriorActivity()
                .when(patch(unknown))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "patch.resources[1].resource_id", "exists"));
    }

    @Test
    void aProposalTheRuleCannotTakeIsRefusedWithoutAnEvent() {
        rules.current = RuleSnapshots.paused("30 2 * * *", null);

        fixture.givenNoPriorActivity()
                .when(instruction("pause for 2 days"))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "id", "paused"));
    }

    @Test
    void aProposalOfAnUnknownRuleIsNotFound() {
        rules.current = null;

        fixture.givenNoPriorActivity()
                .when(instruction("resume"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aConfirmationAppliesTheChangeThroughTheRuleAtTheProposedVersion() {
        fixture.given(proposed(RuleChange.pause(null)))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 0))
                .expectEvents(new RuleChangeConfirmed(CHANGE, NIGHTLY, NOW, 4))
                .expectResultMessagePayloadMatching(Matchers.predicate((ChangeConfirmed done) -> done.version() == 1
                        && done.rule().status() == RuleStatus.PAUSED && done.rule().version() == 4));
        assertThat(rules.applied).containsExactly(new Applied(NIGHTLY, 3, RuleChange.pause(null), "change request chg-1"));
    }

    @Test
    void theRulesCommandActsAsTheConfirmingActorWithTheirRoles() {
        fixture.given(proposed(RuleChange.pause(null)))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 0),
                        Map.of(CommandMetadata.ACTOR, "root@example.com", CommandMetadata.ACTOR_ADMIN, true))
                .expectEvents(new RuleChangeConfirmed(CHANGE, NIGHTLY, NOW, 4));
        assertThat(rules.handedOver).containsEntry(CommandMetadata.ACTOR, "root@example.com")
                .containsEntry(CommandMetadata.ACTOR_ADMIN, true);
    }

    @Test
    void aConfirmationAfterTheRuleChangedIsRefusedAndChangesNothing() {
        rules.ruleVersion = 5;

        fixture.given(proposed(RuleChange.pause(null)))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 0))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "id", "rule_changed"));
    }

    @Test
    void aConfirmationNeedsTheProposalsCurrentVersion() {
        fixture.given(proposed(RuleChange.resume()), new RuleChangeRejected(CHANGE, NIGHTLY, NOW.minusSeconds(60), null))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 0))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
        assertThat(rules.applied).isEmpty();
    }

    @Test
    void aDecidedProposalCannotBeConfirmedAgain() {
        fixture.given(proposed(RuleChange.resume()), new RuleChangeConfirmed(CHANGE, NIGHTLY, NOW.minusSeconds(60), 4))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 1))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "change_request_id", "confirmed"));
        fixture.given(proposed(RuleChange.resume()), new RuleChangeRejected(CHANGE, NIGHTLY, NOW.minusSeconds(60), "no"))
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 1))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "change_request_id", "rejected"));
    }

    @Test
    void anExpiredProposalCannotBeConfirmedOrRejected() {
        RuleChangeProposed lapsed = proposed(RuleChange.resume(), NOW.minus(Duration.ofHours(2)), NOW);

        fixture.given(lapsed)
                .when(new ConfirmRuleChange(CHANGE, NIGHTLY, 0))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "change_request_id", "expired"));
        fixture.given(lapsed)
                .when(new RejectRuleChange(CHANGE, NIGHTLY, null, null))
                .expectNoEvents()
                .expectException(refusal(CommandRejectedException.Reason.CONFLICT, "change_request_id", "expired"));
        assertThat(rules.applied).isEmpty();
    }

    @Test
    void aProposalIsFoundUnderItsOwnRuleOnly() {
        fixture.given(proposed(RuleChange.resume()))
                .when(new ConfirmRuleChange(CHANGE, RuleId.of("rule-other"), 0))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aRejectionClosesTheProposalWithoutTouchingTheRule() {
        fixture.given(proposed(RuleChange.resume()))
                .when(new RejectRuleChange(CHANGE, NIGHTLY, "Not now", 0L))
                .expectEvents(new RuleChangeRejected(CHANGE, NIGHTLY, NOW, "Not now"))
                .expectResultMessagePayload(new ChangeRejected(1, NOW));
        // A command without an actor acts as the system, which did not propose it: checked as a reviewer.
        assertThat(rules.checked).containsExactly("system");
        fixture.given(proposed(RuleChange.resume()))
                .when(new RejectRuleChange(CHANGE, NIGHTLY, null, 3L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
        assertThat(rules.applied).isEmpty();
    }

    private static RuleChangeProposed proposed(RuleChange change) {
        return proposed(change, NOW.minusSeconds(300), NOW.plus(Duration.ofMinutes(55)));
    }

    private static RuleChangeProposed proposed(RuleChange change, Instant at, Instant expiresAt) {
        SchedulePreview none = new SchedulePreview("at 02:30", RuleSnapshots.NEW_YORK, List.of());
        return new RuleChangeProposed(CHANGE, NIGHTLY, 3, at, expiresAt, null, change, null, "a change", none, none, List.of());
    }

    private static List<Instant> startsOf(SchedulePreview preview) {
        return preview.occurrences().stream().map(occurrence -> {
            assertThat(occurrence.dstResolution()).isEqualTo(DstResolution.EXACT);
            return occurrence.start();
        }).toList();
    }

    private static org.hamcrest.Matcher<?> refusal(CommandRejectedException.Reason reason, String field, String rule) {
        Predicate<Object> refused = failure -> failure instanceof CommandRejectedException rejected && rejected.reason() == reason
                && rejected.violations().get(0).field().equals(field) && rejected.violations().get(0).rule().equals(rule);
        return Matchers.predicate(refused);
    }

    record Applied(RuleId ruleId, long basedOnVersion, RuleChange change, @Nullable String reason) {
    }

    /** The rule as the change request meets it, at version 3; applying a change moves it to 4, unless it moved on before. */
    static final class FakeRules implements RuleChanges {

        @Nullable RuleSnapshot current;
        long ruleVersion = 3;
        final List<Applied> applied = new ArrayList<>();
        @Nullable MetaData handedOver;
        /** Who was checked as someone who may change the rule. */
        final List<String> checked = new ArrayList<>();

        @Override
        public void requireVisibleTo(RuleId ruleId, Caller caller, String what) {
            current(ruleId, Instant.EPOCH);
        }

        @Override
        public RuleSnapshot current(RuleId ruleId, Instant now) {
            if (current == null) {
                throw new AggregateNotFoundException("rule:" + ruleId, "no rule " + ruleId);
            }
            return current;
        }

        @Override
        public RuleChanged apply(RuleId ruleId, long basedOnVersion, RuleChange change, @Nullable String reason, Instant now,
                                 MetaData metaData) {
            handedOver = metaData;
            if (ruleVersion != basedOnVersion) {
                throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "rule_changed",
                        "rule " + ruleId + " is at version " + ruleVersion);
            }
            applied.add(new Applied(ruleId, basedOnVersion, change, reason));
            return new RuleChanged(RuleStatus.PAUSED, now, null, null, basedOnVersion + 1);
        }

        /** Lets everyone change the rule: the rule's own check is {@link ChangeRequestRejectionTest}'s. */
        @Override
        public void requireChangeableBy(RuleId ruleId, Caller caller, String what, String aside) {
            checked.add(caller.actor());
        }
    }
}
