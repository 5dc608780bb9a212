package dev.almanac.query.changerequest;

import java.util.List;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects change requests into {@link ChangeRequests}, each at its own version (the envelope's, whose
 * subject is the change request). The rule's own events belong to the rules read model; a reader
 * compares a proposal's rule version with it there.
 */
public final class ChangeRequestProjector implements Projector, RuleEvent.Handler<Decision<List<EntityChange<?>>>> {

    private static final String RULES_OWN = "the rule's own events are the rules read model's; a proposal is compared with the rule's "
            + "version when it is read";

    @Override
    public String name() {
        return "change-requests";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeProposed proposed, EventMetadata envelope) {
        return Projector.change(ChangeRequests.KIND, proposed.changeRequestId().value(), envelope.aggregateVersion(),
                before -> ChangeRequest.proposed(before, proposed, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeConfirmed confirmed, EventMetadata envelope) {
        return Projector.change(ChangeRequests.KIND, confirmed.changeRequestId().value(), envelope.aggregateVersion(),
                before -> ChangeRequest.confirmed(before, confirmed, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeRejected rejected, EventMetadata envelope) {
        return Projector.change(ChangeRequests.KIND, rejected.changeRequestId().value(), envelope.aggregateVersion(),
                before -> ChangeRequest.rejected(before, rejected, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleCreated event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleUpdated event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleReminderSet event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleReminderRemoved event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RulePaused event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleResumed event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleDisabled event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleEnabled event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleDeleted event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleOccurrenceMoved event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleOccurrenceCancelled event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleEnded event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleMissedRunDecided event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleRunRequested event, EventMetadata envelope) {
        return Decision.ignore(RULES_OWN);
    }
}
