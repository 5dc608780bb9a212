package dev.almanac.commands.rule.change;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.rule.RuleChanged;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.identity.Caller;

/**
 * A proposed change to a rule, an aggregate of its own so that the rule stays small and proposals
 * never contend with the rule's commands (ADR 0024). Proposing changes nothing about the rule. A
 * confirmation, at the proposal's version, before it expires and while the rule is still at the
 * version the change was proposed against, applies the change through the rule's own command in the
 * same unit of work as {@link RuleChangeConfirmed}. Expiry is read from {@code expiresAt}, like a
 * lapsed pause: no event marks it. Its proposer may withdraw it; anyone else who rejects it must be
 * someone who may confirm it (ADR 0062).
 */
@Aggregate
public class ChangeRequest {

    enum Status {
        PROPOSED, CONFIRMED, REJECTED
    }

    @AggregateIdentifier
    private String storeId;
    private ChangeRequestId changeRequestId;
    private RuleId ruleId;
    /** Who proposed the change: the actor its proposal's event records; null when that event names none. */
    private @Nullable String proposer;
    private long ruleVersion;
    private RuleChange change;
    private @Nullable String reason;
    private Instant expiresAt;
    private Status status;
    private long version;

    protected ChangeRequest() {
        // For Axon, which rebuilds the change request from its events.
    }

    /** Reads the change (an instruction through the grammar), checks it against the rule as it stands, and shows what it would do. */
    @CommandHandler
    public ChangeRequest(ProposeRuleChange command, RuleChanges rules, KnownResources resources, Caller caller, Clock clock) {
        Instant now = now(clock);
        rules.requireVisibleTo(command.ruleId(), caller, "proposing a change to rule " + command.ruleId());
        RuleSnapshot rule = rules.current(command.ruleId(), now);
        ChangeSource source = command.instruction() != null ? ChangeSource.INSTRUCTION : ChangeSource.PATCH;
        Reading reading = command.instruction() != null ? ChangeInstructions.read(command.instruction(), rule, now)
                : Reading.certain(command.patch());
        RuleChange requested = reading.change();
        if (requested.resources() != null) {
            // Checked again when the change is confirmed, by the rule's own update.
            resources.requireKnown(source.field("resources"), requested.resources());
        }
        RuleChangePreview preview = RuleChangePreview.of(rule, requested, now, source);
        apply(new RuleChangeProposed(command.changeRequestId(), command.ruleId(), rule.version(), now,
                now.plus(command.validFor()), command.instruction(), requested, command.reason(), preview.description(),
                preview.before(), preview.after(), withNotes(reading, preview)));
    }

    /** The reading's doubts and alternatives first, then what the preview found: stored together, so a repeat shows the same. */
    private static List<RuleChangeWarning> withNotes(Reading reading, RuleChangePreview preview) {
        List<RuleChangeWarning> warnings = new ArrayList<>(reading.notes());
        warnings.addAll(preview.warnings());
        return warnings;
    }

    @CommandHandler
    public ChangeConfirmed handle(ConfirmRuleChange command, RuleChanges rules, Caller caller, Clock clock, MetaData metaData) {
        Instant now = now(clock);
        requireRule(command.ruleId());
        // Who may confirm is who may change the rule, decided before If-Match tells anything (ADR 0086); the rule's command
        // checks it again as it applies the change.
        rules.requireChangeableBy(ruleId, caller, "confirming change request " + changeRequestId + " of rule " + ruleId, "");
        requireVersion(command.expectedVersion());
        requireOpen(now, "confirmed");
        RuleChanged changed = rules.apply(ruleId, ruleVersion, change,
                reason != null ? reason : "change request " + changeRequestId, now, metaData);
        apply(new RuleChangeConfirmed(changeRequestId, ruleId, now, changed.version()));
        return new ChangeConfirmed(version, now, changed);
    }

    /**
     * Rejects the proposal, or, by its proposer, withdraws it: one step (ADR 0024). A rejection ends
     * someone else's request, so anyone but the proposer must be someone who may confirm it.
     */
    @CommandHandler
    public ChangeRejected handle(RejectRuleChange command, RuleChanges rules, Caller caller, Clock clock) {
        Instant now = now(clock);
        requireRule(command.ruleId());
        // Who may reject it first, so that If-Match tells nothing to anyone else (ADR 0086).
        requireRejectableBy(caller, rules);
        if (command.expectedVersion() != null) {
            requireVersion(command.expectedVersion());
        }
        requireOpen(now, "rejected");
        apply(new RuleChangeRejected(changeRequestId, ruleId, now, command.reason()));
        return new ChangeRejected(version, now);
    }

    @EventSourcingHandler
    void on(RuleChangeProposed proposed, DomainEventMessage<?> message) {
        storeId = StoreIds.changeRequest(proposed.changeRequestId());
        changeRequestId = proposed.changeRequestId();
        ruleId = proposed.ruleId();
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        proposer = actor == null ? null : actor.toString();
        ruleVersion = proposed.ruleVersion();
        change = proposed.change();
        reason = proposed.reason();
        expiresAt = proposed.expiresAt();
        status = Status.PROPOSED;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleChangeConfirmed confirmed, DomainEventMessage<?> message) {
        status = Status.CONFIRMED;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleChangeRejected rejected, DomainEventMessage<?> message) {
        status = Status.REJECTED;
        version = message.getSequenceNumber();
    }

    /** A change request is found under the rule it changes only: under any other it does not exist (404). */
    private void requireRule(RuleId named) {
        if (!ruleId.equals(named)) {
            throw new AggregateNotFoundException(storeId, "change request " + changeRequestId + " changes rule " + ruleId + ", not " + named);
        }
    }

    /**
     * Its proposer may always withdraw it, whatever their roles, as they may propose without one;
     * anyone else is checked as the confirmation is, by the rule's own check (ADR 0062): the
     * rule's creator with the scheduler role on its queue, the queue's manager, or an admin.
     *
     * @throws CommandRejectedException 403, field {@code id}, rule {@code rule_owner} (or {@code role})
     */
    private void requireRejectableBy(Caller caller, RuleChanges rules) {
        if (caller.actor().equals(proposer)) {
            return;
        }
        rules.requireChangeableBy(ruleId, caller, "rejecting change request " + changeRequestId + " of rule " + ruleId,
                proposer == null ? "" : "; its proposer, " + proposer + ", may withdraw it");
    }

    /** The version the caller saw (its If-Match) must be this one: a change request that moved on since is answered 412. */
    private void requireVersion(long expected) {
        if (expected != version) {
            throw new ConflictingAggregateVersionException(storeId, expected, version);
        }
    }

    /** Only a proposal still open can be confirmed or rejected: not one already decided, nor one past its expiry (409). */
    private void requireOpen(Instant now, String decision) {
        switch (status) {
            case CONFIRMED -> throw conflict("confirmed", "change request " + changeRequestId + " is already confirmed, so it cannot be "
                    + decision);
            case REJECTED -> throw conflict("rejected", "change request " + changeRequestId + " was rejected, so it cannot be " + decision
                    + "; propose the change again");
            case PROPOSED -> {
                if (!now.isBefore(expiresAt)) {
                    throw conflict("expired", "change request " + changeRequestId + " expired at " + expiresAt + ", so it cannot be "
                            + decision + "; propose the change again");
                }
            }
        }
    }

    private static CommandRejectedException conflict(String rule, String message) {
        return new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "change_request_id", rule, message);
    }

    /** Kept to the millisecond, the precision every store and read model keeps. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
