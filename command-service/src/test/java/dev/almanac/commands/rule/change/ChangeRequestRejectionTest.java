package dev.almanac.commands.rule.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.rule.Rule;
import dev.almanac.commands.rule.RuleOwners;
import dev.almanac.commands.support.InMemoryCalendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.SchedulePreview;

/**
 * Who may reject a change request (ADR 0062), with the rule's own check run on a rule
 * rebuilt from its events, as {@link RepositoryRuleChanges} loads it: bob created the rule on a queue
 * where he and carol schedule and alice manages; carol proposed the change. Its proposer withdraws
 * it; whoever may confirm it rejects it; anyone else is refused with nothing written.
 */
class ChangeRequestRejectionTest {

    private static final ChangeRequestId CHANGE = ChangeRequestId.of("chg-1");
    private static final Instant NOW = Instant.parse("2027-01-05T15:00:00Z");
    private static final RuleCreated CREATED = new RuleCreated(RuleSnapshots.NIGHTLY, "Nightly cleanup", "30 2 * * *",
            RuleSnapshots.NEW_YORK, RuleSnapshots.OPS, 300, RuleSnapshots.CREATED, DstPolicy.DEFAULT,
            new JobTemplate("maintenance_job", Map.of(), null, null), RuleOptions.DEFAULT, RuleMetadata.NONE);
    private static final RuleChangeRejected REJECTED = new RuleChangeRejected(CHANGE, RuleSnapshots.NIGHTLY, NOW, null);

    private CalendarAccess queueAccess = CalendarAccess.OPEN.granted(UserId.of("bob"), CalendarRole.SCHEDULER)
            .granted(UserId.of("carol"), CalendarRole.SCHEDULER).granted(UserId.of("alice"), CalendarRole.MANAGER);
    private FixtureConfiguration<ChangeRequest> fixture;
    private final EventStore ruleEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

    @BeforeEach
    void setUp() {
        ruleEvents.publish(new GenericDomainEventMessage<>("Rule", StoreIds.rule(RuleSnapshots.NIGHTLY), 0, CREATED,
                MetaData.with(CommandMetadata.ACTOR, "bob")));
        Calendars calendars = new InMemoryCalendars(id -> Optional.of(new CalendarTerms(id, RuleSnapshots.NEW_YORK, 1,
                OverbookingPolicy.ALLOW, ItemDurations.defaultsFor(CalendarType.QUEUE), true, 0, queueAccess)));
        // Only the rule's events are handled here: its command handlers' resources are never asked for.
        Set<Class<?>> resources = Set.of(Calendars.class, KnownResources.class, RuleOwners.class, Clock.class);
        ParameterResolverFactory unused = (executable, parameters, index) -> resources.contains(parameters[index].getType())
                ? new FixedValueParameterResolver<>(null) : null;
        EventSourcingRepository<Rule> rules = EventSourcingRepository.builder(Rule.class).eventStore(ruleEvents)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(Rule.class),
                        unused))
                .build();
        fixture = new AggregateTestFixture<>(ChangeRequest.class);
        fixture.registerInjectableResource(new RepositoryRuleChanges(rules, calendars));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((KnownResources) ids -> Set.of());
    }

    @Test
    void itsProposerWithdrawsItWhateverTheirRoles() {
        fixture.given(proposedBy("carol")).when(reject(), as("carol")).expectEvents(REJECTED);
        // Carol lost her grant since: she may still withdraw what she asked for.
        queueAccess = queueAccess.revoked(UserId.of("carol"));
        fixture.given(proposedBy("carol")).when(reject(), as("carol")).expectEvents(REJECTED);
    }

    @Test
    void theRulesCreatorWithTheSchedulerRoleRejectsIt() {
        fixture.given(proposedBy("carol")).when(reject(), as("bob")).expectEvents(REJECTED);
    }

    @Test
    void theQueuesManagerRejectsIt() {
        fixture.given(proposedBy("carol")).when(reject(), as("alice")).expectEvents(REJECTED);
    }

    @Test
    void anAdminRejectsItWithoutAGrant() {
        fixture.given(proposedBy("carol")).when(reject(), Map.of(CommandMetadata.ACTOR, "root", CommandMetadata.ACTOR_ADMIN, true))
                .expectEvents(REJECTED);
    }

    /**
     * The refusal is the confirmation's, 403 rule_owner naming whose the rule is, and says who may withdraw it instead; to a
     * stranger to the queue it does not exist.
     */
    @Test
    void anyoneElseIsRefusedAndNothingIsWritten() {
        // Erin has no role on the queue: to her it does not exist (ADR 0086).
        fixture.given(proposedBy("carol")).when(reject(), as("erin"))
                .expectNoEvents()
                .expectException(hidden());
        // Another scheduler of the queue could not confirm it either.
        queueAccess = queueAccess.granted(UserId.of("dave"), CalendarRole.SCHEDULER);
        fixture.given(proposedBy("carol")).when(reject(), as("dave"))
                .expectNoEvents()
                .expectException(refused("Rejecting change request chg-1 of rule rule-nightly, which bob created, needs the manager role "
                        + "on calendar cal-ops; dave is only scheduler there; its proposer, carol, may withdraw it"));
        // Without the admin flag, the admin of anAdminRejectsItWithoutAGrant is a stranger to the queue.
        fixture.given(proposedBy("carol")).when(reject(), as("root"))
                .expectNoEvents()
                .expectException(hidden());
    }

    /** On a queue without grants everyone is its scheduler and may change, so confirm or reject, any rule on it (ADR 0062). */
    @Test
    void onAQueueWithoutGrantsAnyoneRejectsIt() {
        queueAccess = CalendarAccess.OPEN;
        fixture.given(proposedBy("carol")).when(reject(), as("erin")).expectEvents(REJECTED);
    }

    private static RejectRuleChange reject() {
        return new RejectRuleChange(CHANGE, RuleSnapshots.NIGHTLY, null, 0L);
    }

    private static EventMessage<?> proposedBy(String actor) {
        SchedulePreview none = new SchedulePreview("at 02:30", RuleSnapshots.NEW_YORK, List.of());
        RuleChangeProposed proposed = new RuleChangeProposed(CHANGE, RuleSnapshots.NIGHTLY, 0, NOW.minusSeconds(300),
                NOW.plus(Duration.ofMinutes(55)), null, RuleChange.pause(null), null, "a change", none, none, List.of());
        return GenericEventMessage.asEventMessage(proposed).andMetaData(as(actor));
    }

    private static Map<String, Object> as(String actor) {
        return Map.of(CommandMetadata.ACTOR, actor);
    }

    /** 403 on {@code id}, rule {@code rule_owner}, needing the manager role, with exactly this message. */
    private static Matcher<?> hidden() {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refused
                && refused.reason() == CommandRejectedException.Reason.HIDDEN);
    }

    private static Matcher<?> refused(String message) {
        return Matchers.predicate(failure -> failure instanceof CommandRejectedException refusal
                && refusal.reason() == CommandRejectedException.Reason.FORBIDDEN && "manager".equals(refusal.requiredRole())
                && refusal.violations().get(0).field().equals("id") && refusal.violations().get(0).rule().equals("rule_owner")
                && refusal.violations().get(0).message().equals(message));
    }
}
