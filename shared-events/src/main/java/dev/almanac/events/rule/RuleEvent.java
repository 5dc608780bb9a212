package dev.almanac.events.rule;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#RULES}, keyed by rule id. The rule's own events have the rule as
 * their subject; a change request's ({@code RuleChange…}) have the change request, whose version
 * counts apart from the rule's. The hierarchy is closed: a consumer decides each type through
 * {@link Handler}, and a new type added here fails to compile in every consumer until it decides
 * what to do with it.
 */
public sealed interface RuleEvent extends AlmanacEvent permits RuleCreated, RuleUpdated, RulePaused, RuleResumed, RuleDisabled, RuleEnabled,
        RuleDeleted, RuleOccurrenceMoved, RuleOccurrenceCancelled, RuleEnded, RuleMissedRunDecided, RuleRunRequested, RuleChangeProposed, RuleChangeConfirmed,
        RuleChangeRejected, RuleReminderSet, RuleReminderRemoved {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#RULES}. */
    interface Handler<R> {

        R on(RuleCreated event, EventMetadata envelope);

        R on(RuleUpdated event, EventMetadata envelope);

        R on(RulePaused event, EventMetadata envelope);

        R on(RuleResumed event, EventMetadata envelope);

        R on(RuleDisabled event, EventMetadata envelope);

        R on(RuleEnabled event, EventMetadata envelope);

        R on(RuleDeleted event, EventMetadata envelope);

        R on(RuleOccurrenceMoved event, EventMetadata envelope);

        R on(RuleOccurrenceCancelled event, EventMetadata envelope);

        R on(RuleEnded event, EventMetadata envelope);

        R on(RuleMissedRunDecided event, EventMetadata envelope);

        R on(RuleRunRequested event, EventMetadata envelope);

        R on(RuleChangeProposed event, EventMetadata envelope);

        R on(RuleChangeConfirmed event, EventMetadata envelope);

        R on(RuleChangeRejected event, EventMetadata envelope);

        R on(RuleReminderSet event, EventMetadata envelope);

        R on(RuleReminderRemoved event, EventMetadata envelope);
    }
}
