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
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/** Projects recurring rules and their lifecycle (update, pause, resume, disable, enable, deletion) into {@link Rules}. */
public final class RuleProjector implements Projector, RuleEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleCreated rule, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, rule.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.created(rule, envelope)));
    }

    /** The new definition replaces the old; status, pause and creation stay. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleUpdated updated, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, updated.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.updated(before, updated, envelope)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RulePaused paused, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, paused.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.paused(before, paused, envelope)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleResumed resumed, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, resumed.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.resumed(before, resumed, envelope)));
    }

    /** Seed 000's status {@code disabled}, until enabled. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleDisabled disabled, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, disabled.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.disabled(before, disabled, envelope)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RuleEnabled enabled, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, enabled.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.enabled(before, enabled, envelope)));
    }

    /** A deleted rule stays readable by id, with seed 000's status {@code disabled}. */
    @Override
    public Decision<List<EntityChange<?>>> on(RuleDeleted deleted, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Rules.KIND, deleted.ruleId().value(), envelope.aggregateVersion(),
                before -> Rule.deleted(before, deleted, envelope)));
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
}
