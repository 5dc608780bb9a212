package dev.almanac.commands.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.identity.Caller;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * A recurring rule: its definition, who created it, and who may change it. Its occurrences are
 * materialised by rule-expander from the events. Two members of the aggregate keep the rest, in the
 * rule's own event stream: {@link RuleLifecycle} whether it runs (pause, disable, delete), and
 * {@link OccurrenceExceptions} the exceptions to its series and the decisions on missed runs (ADR 0052).
 *
 * <p>Every change needs the scheduler role on the rule's queue calendar (ADR 0027), and, from
 * anyone but the rule's creator, the manager role there (ADR 0062); the emergency pause-all and its
 * undo, an admin's, check neither.
 */
@Aggregate
public class Rule {

    @AggregateIdentifier
    private String storeId;
    private RuleId ruleId;
    private RecurrenceSpec spec;
    private RuleDefinition definition;
    /** Who created the rule: the actor its creation's event records (ADR 0062); null when that event names none. */
    private @Nullable String creator;
    private long version;
    @AggregateMember
    private final RuleLifecycle lifecycle = new RuleLifecycle(this);
    @AggregateMember
    private final OccurrenceExceptions exceptions = new OccurrenceExceptions(this);
    @AggregateMember
    private final RuleReminders reminders = new RuleReminders(this);

    protected Rule() {
        // For Axon, which rebuilds the rule from its events.
    }

    @CommandHandler
    public Rule(CreateRule command, Calendars calendars, KnownResources resources, RuleOwners owners, Caller caller) {
        requireRunnable(command.definition(), calendars, resources, caller);
        owners.requirePlaceFor(command.ruleId(), caller.actor());
        apply(command.toEvent());
    }

    /**
     * The rule that continues {@code replaced}'s series ("this and following"), created by
     * {@link RuleSplitter} in the unit of work that ends the old series; the old rule's place in
     * its creator's count is not counted against the new one. Like any creation, it needs the
     * scheduler role on its queue, and its creator is the actor who split the series (ADR 0062).
     */
    static Rule continuing(CreateRule command, Calendars calendars, KnownResources resources, RuleOwners owners, Caller caller,
                           RuleId replaced) {
        Rule rule = new Rule();
        requireRunnable(command.definition(), calendars, resources, caller);
        owners.requirePlaceFor(command.ruleId(), caller.actor(), replaced);
        apply(command.toEvent());
        return rule;
    }

    /** The definition is replaced from now on; a paused rule stays paused. */
    @CommandHandler
    public RuleChanged handle(UpdateRule command, Calendars calendars, KnownResources resources, Clock clock, Caller caller) {
        Instant now = now(clock);
        lifecycle.requireChangeable("be updated", calendars, caller);
        requireRunnable(command.definition(), calendars, resources, caller);
        apply(command.toEvent(now));
        return lifecycle.changed(now);
    }

    @EventSourcingHandler
    void on(RuleCreated created, DomainEventMessage<?> message) {
        storeId = StoreIds.rule(created.ruleId());
        ruleId = created.ruleId();
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        creator = actor == null ? null : actor.toString();
        spec = RecurrenceSpec.of(created);
        definition = RuleDefinition.of(created);
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleUpdated updated, DomainEventMessage<?> message) {
        spec = RecurrenceSpec.of(updated);
        definition = definition.updatedBy(updated);
        version = message.getSequenceNumber();
    }

    /** Every other event of the rule's stream, which its members apply to themselves, moves its version too. */
    @EventSourcingHandler
    void on(Object event, DomainEventMessage<?> message) {
        version = message.getSequenceNumber();
    }

    /** The rule as it stands at {@code now}, for a change request to be shown and checked against. */
    public RuleSnapshot snapshot(Instant now) {
        boolean paused = lifecycle.isPausedAt(now);
        return new RuleSnapshot(ruleId, version, definition, lifecycle.statusAt(now), paused ? lifecycle.resumeAfter() : null,
                lifecycle.isDeleted(), exceptions.held());
    }

    /**
     * Who may change the rule (ADR 0062, F033-OWNERSHIP: a rule is changed only by its creator or by someone with
     * explicit permission): its creator while they keep the scheduler role on the queue the rule stands on (ADR 0027;
     * 403 rule {@code role}), anyone else only as that queue's manager, which an admin is of every
     * calendar (403 rule {@code rule_owner}, {@code required_role} manager). On a queue without grants
     * everyone is its scheduler, as before grants existed, so anyone may change any rule there. A
     * deactivated queue keeps its grants and is checked the same.
     */
    void requireChangeableBy(Calendars calendars, Caller caller) {
        requireChangeableBy(calendars, caller, "changing rule " + ruleId, "");
    }

    /**
     * The same check, for a step that changes nothing about the rule but is left to whoever may change
     * it: rejecting a change request of the rule, as whoever may confirm it, a change (ADR
     * 0062).
     *
     * @param what  the step refused, naming this rule last, for the message ("rejecting change request chg-1 of rule rule-1")
     * @param aside appended to the message: what the caller may do instead, or nothing
     * @throws CommandRejectedException 403, field {@code id}, rule {@code role} or {@code rule_owner}
     */
    public void requireChangeableBy(Calendars calendars, Caller caller, String what, String aside) {
        CalendarTerms queue = calendars.find(definition.calendarId()).orElseThrow(() -> new IllegalStateException("rule " + ruleId
                + " is on queue " + definition.calendarId() + ", which has no events"));
        if (queue.access().isOpenTo(caller.ungranted()) || caller.actor().equals(creator)) {
            queue.require(caller, CalendarRole.SCHEDULER, "id", "role", what, aside);
        } else {
            queue.require(caller, CalendarRole.MANAGER, "id", "rule_owner", what + ", "
                    + (creator == null ? "whose creator is not recorded" : "which " + creator + " created") + ",", aside);
        }
    }

    /** Answers a caller with no role on the rule's queue as if the rule did not exist (ADR 0086). */
    void requireSeenBy(Calendars calendars, Caller caller) {
        calendars.find(definition.calendarId()).ifPresent(queue -> queue.requireSeenBy(caller, "id"));
    }

    /** Refuses a caller with no role on the rule's queue as if the rule did not exist (ADR 0086). */
    public void requireVisibleTo(Calendars calendars, Caller caller, String what) {
        calendars.find(definition.calendarId()).ifPresent(queue -> queue.require(caller, CalendarRole.VIEWER, "id", "role", what));
    }

    RuleId ruleId() {
        return ruleId;
    }

    RecurrenceSpec spec() {
        return spec;
    }

    /** From when the rule's occurrences count: its creation's, or for a rule that continues a split series, the seam. */
    Instant activeFrom() {
        return definition.activeFrom();
    }

    long version() {
        return version;
    }

    RuleDefinition definition() {
        return definition;
    }

    RuleLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * A run Almanac would dispatch cannot be asked of a heartbeat, whose runs a system reports by itself (ADR 0073): 409,
     * field {@code field}, rule {@code heartbeat}.
     */
    void rejectIfHeartbeat(String field, String what) {
        if (!definition.options().dispatched()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, field, "heartbeat", "rule " + ruleId
                    + " is a heartbeat, whose runs the system that reports them runs; Almanac dispatches none, so it cannot " + what);
        }
    }

    /** The first run to start after {@code after}, jitter included, of the occurrences from {@code active_from} on. */
    @Nullable Instant nextRun(Instant after) {
        return new Series(spec, exceptions.held()).next(after, definition.activeFrom()).map(Occurrence::start).orElse(null);
    }

    /**
     * A definition runs when its schedule does and its queue calendar takes it, which needs the
     * scheduler role there (ADR 0027), and when the resources each occurrence books exist. A new rule's preview
     * ({@link RulePreviews}) is checked by the same rules, so it is refused as the creation would be.
     */
    static void requireRunnable(RuleDefinition definition, Calendars calendars, KnownResources resources, Caller caller) {
        RuleSchedule schedule = definition.schedule();
        CalendarId calendarId = definition.calendarId();
        try {
            schedule.schedule();
        } catch (InvalidScheduleException e) {
            String field = schedule.rrule() == null ? "cron" : "rrule";
            throw CommandRejectedException.invalid(field, RuleSchedule.ruleBroken(field, e), e.getMessage());
        }
        CalendarTerms queue = calendars.find(calendarId).orElseThrow(() -> new CommandRejectedException(
                CommandRejectedException.Reason.UNKNOWN_REFERENCE, "queue", "exists",
                "queue " + calendarId + " names no calendar; a rule's queue is the calendar its occurrences land on"));
        queue.require(caller, CalendarRole.SCHEDULER, "queue");
        queue.requireActive("queue");
        resources.requireKnown("resources", definition.resources());
    }

    /** Kept to the millisecond, the precision every store and read model keeps. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
