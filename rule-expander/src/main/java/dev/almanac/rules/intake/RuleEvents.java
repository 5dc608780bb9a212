package dev.almanac.rules.intake;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/** rule-expander's decision for every event type of {@code almanac.rules.v1}. */
@Component
class RuleEvents implements RuleEvent.Handler<Decision<Mono<?>>> {

    private final RuleCreatedHandler ruleCreated;
    private final RuleLifecycleHandler lifecycle;
    private final EventDecider<Mono<?>> decider;

    RuleEvents(RuleCreatedHandler ruleCreated, RuleLifecycleHandler lifecycle) {
        this.ruleCreated = ruleCreated;
        this.lifecycle = lifecycle;
        this.decider = EventDecider.of("rule-expander", this);
    }

    EventDecider<Mono<?>> decider() {
        return decider;
    }

    /** Stores the rule and publishes its first pass. */
    @Override
    public Decision<Mono<?>> on(RuleCreated event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> ruleCreated.handle(envelope, event)));
    }

    /** Replaces the rule's definition and publishes the difference: retractions, and new or changed occurrences. */
    @Override
    public Decision<Mono<?>> on(RuleUpdated event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.updated(envelope, event)));
    }

    /** Stops the rule's horizon and retracts its occurrences from the pause on (until resume_after, if given). */
    @Override
    public Decision<Mono<?>> on(RulePaused event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.paused(envelope, event)));
    }

    /** Re-materialises the rule from the resume on, with the occurrence ids the expansion always gives. */
    @Override
    public Decision<Mono<?>> on(RuleResumed event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.resumed(envelope, event)));
    }

    /** A disable is an open-ended pause here: the horizon stops and the occurrences from it on are retracted. */
    @Override
    public Decision<Mono<?>> on(RuleDisabled event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.disabled(envelope, event)));
    }

    /** An enable is a resume here: the rule is materialised again from it on. */
    @Override
    public Decision<Mono<?>> on(RuleEnabled event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.enabled(envelope, event)));
    }

    /** Stops the rule for good and retracts its occurrences from the deletion on. */
    @Override
    public Decision<Mono<?>> on(RuleDeleted event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.deleted(envelope, event)));
    }

    /** Publishes the occurrence where it was moved to, at once, whatever the horizon: the same id, a newer rule version. */
    @Override
    public Decision<Mono<?>> on(RuleOccurrenceMoved event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.occurrenceMoved(envelope, event)));
    }

    /** Retracts the occurrence if it was published; the horizon never publishes it again. */
    @Override
    public Decision<Mono<?>> on(RuleOccurrenceCancelled event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.occurrenceCancelled(envelope, event)));
    }

    /** Retracts the series from its end on; the rule continuing it is materialised from its own creation. */
    @Override
    public Decision<Mono<?>> on(RuleEnded event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.ended(envelope, event)));
    }

    /** Publishes a backfill run, the rescheduled occurrence or the deleted one's retraction, as the operator decided. */
    @Override
    public Decision<Mono<?>> on(RuleMissedRunDecided event, EventMetadata envelope) {
        return Decision.handle(Mono.defer(() -> lifecycle.missedRunDecided(envelope, event)));
    }

    /** A run of its own, apart from the series: the dispatcher dispatches it; no occurrence is materialised or retracted. */
    @Override
    public Decision<Mono<?>> on(RuleRunRequested event, EventMetadata envelope) {
        return Decision.ignore("a run asked for at once changes none of the series' occurrences");
    }

    /** Nothing changes until a proposal is confirmed. */
    @Override
    public Decision<Mono<?>> on(RuleChangeProposed event, EventMetadata envelope) {
        return Decision.ignore("a proposed change changes nothing until it is confirmed");
    }

    /** The change itself arrives as the rule's own event (RuleUpdated, RulePaused, RuleResumed) just before this one. */
    @Override
    public Decision<Mono<?>> on(RuleChangeConfirmed event, EventMetadata envelope) {
        return Decision.ignore("the confirmed change arrives as the rule's own event, which is handled");
    }

    @Override
    public Decision<Mono<?>> on(RuleChangeRejected event, EventMetadata envelope) {
        return Decision.ignore("a rejected proposal never changed the rule");
    }

    @Override
    public Decision<Mono<?>> on(RuleReminderSet event, EventMetadata envelope) {
        return Decision.ignore("a reminder is the dispatcher's; it changes none of the series' occurrences");
    }

    @Override
    public Decision<Mono<?>> on(RuleReminderRemoved event, EventMetadata envelope) {
        return Decision.ignore("a reminder is the dispatcher's; it changes none of the series' occurrences");
    }
}
