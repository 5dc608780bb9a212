package dev.almanac.query.rule;

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
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.run.MissedRun;
import dev.almanac.query.run.Runs;

/**
 * Projects recurring rules, their lifecycle (update, pause, resume, disable, enable, deletion) and the
 * exceptions to their series (moved and cancelled occurrences, the end, missed runs rescheduled or
 * deleted) into {@link Rules}.
 */
public final class RuleProjector implements Projector, RuleEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleCreated rule, EventMetadata envelope) {
        return Projector.change(Rules.KIND, rule.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.created(rule, envelope).recording(before, rule, envelope));
    }

    /** The new definition replaces the old; status, pause and creation stay. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleUpdated updated, EventMetadata envelope) {
        return Projector.change(Rules.KIND, updated.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.updated(before, updated, envelope).recording(before, updated, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RulePaused paused, EventMetadata envelope) {
        return Projector.change(Rules.KIND, paused.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.paused(before, paused, envelope).recording(before, paused, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleResumed resumed, EventMetadata envelope) {
        return Projector.change(Rules.KIND, resumed.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.resumed(before, resumed, envelope).recording(before, resumed, envelope));
    }

    /** F033-RULE-STATUS's status {@code disabled}, until enabled. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleDisabled disabled, EventMetadata envelope) {
        return Projector.change(Rules.KIND, disabled.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.disabled(before, disabled, envelope).recording(before, disabled, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleEnabled enabled, EventMetadata envelope) {
        return Projector.change(Rules.KIND, enabled.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.enabled(before, enabled, envelope).recording(before, enabled, envelope));
    }

    /** A deleted rule stays readable by id, with F033-RULE-STATUS's status {@code disabled}. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleDeleted deleted, EventMetadata envelope) {
        return Projector.change(Rules.KIND, deleted.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.deleted(before, deleted, envelope).recording(before, deleted, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleOccurrenceMoved moved, EventMetadata envelope) {
        return Projector.change(Rules.KIND, moved.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.occurrenceMoved(before, moved, envelope).recording(before, moved, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleOccurrenceCancelled cancelled, EventMetadata envelope) {
        return Projector.change(Rules.KIND, cancelled.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.occurrenceCancelled(before, cancelled, envelope).recording(before, cancelled, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleEnded ended, EventMetadata envelope) {
        return Projector.change(Rules.KIND, ended.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.ended(before, ended, envelope).recording(before, ended, envelope));
    }

    /**
     * A reschedule or deletion changes the series, and every decision moves the rule's version; the
     * missed occurrence records what was decided, for its overlay.
     */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleMissedRunDecided decided, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, decided.ruleId().value(), envelope.aggregateVersion(),
                        before -> Rule.missedRunDecided(before, decided, envelope).recording(before, decided, envelope)),
                new EntityChange<>(Runs.MISSED, decided.occurrenceId().value(), envelope.aggregateVersion(),
                        before -> MissedRun.decided(before, decided, envelope)));
    }

    /** The run is the dispatcher's; the rule's version moves, so that its ETag stays the one command-service checks. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleRunRequested requested, EventMetadata envelope) {
        return Projector.change(Rules.KIND, requested.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.runRequested(before, requested, envelope).recording(before, requested, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeProposed proposed, EventMetadata envelope) {
        return Decision.ignore("a proposed change leaves the rule as it is until it is confirmed");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeConfirmed confirmed, EventMetadata envelope) {
        return Decision.ignore("the confirmed change reaches the rule as the rule's own event, just before this one");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleChangeRejected rejected, EventMetadata envelope) {
        return Decision.ignore("a rejected proposal never changed the rule");
    }

    /** A reminder is the dispatcher's (ADR 0079); the rule's version moves, so that its ETag stays the one command-service checks. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleReminderSet set, EventMetadata envelope) {
        return Projector.change(Rules.KIND, set.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.touched(before, set.ruleId().value(), envelope).recording(before, set, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleReminderRemoved removed, EventMetadata envelope) {
        return Projector.change(Rules.KIND, removed.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.touched(before, removed.ruleId().value(), envelope).recording(before, removed, envelope));
    }
}
