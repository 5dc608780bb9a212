package dev.almanac.query.rule;

import java.util.List;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/** Projects recurring rules into {@link Rules}. */
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
}
