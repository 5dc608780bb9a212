package dev.almanac.rules.intake;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;

/** rule-expander's decision for every event type of {@code almanac.rules.v1}. */
@Component
class RuleEvents implements RuleEvent.Handler<Decision<Mono<?>>> {

    private final RuleCreatedHandler ruleCreated;
    private final EventDecider<Mono<?>> decider;

    RuleEvents(RuleCreatedHandler ruleCreated) {
        this.ruleCreated = ruleCreated;
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

    @Override
    public Decision<Mono<?>> on(RulePaused event, EventMetadata envelope) {
        return Decision.ignore("the rule lifecycle is not followed here yet; retraction lands with the next commit of this branch");
    }

    @Override
    public Decision<Mono<?>> on(RuleResumed event, EventMetadata envelope) {
        return Decision.ignore("the rule lifecycle is not followed here yet; retraction lands with the next commit of this branch");
    }

    @Override
    public Decision<Mono<?>> on(RuleDeleted event, EventMetadata envelope) {
        return Decision.ignore("the rule lifecycle is not followed here yet; retraction lands with the next commit of this branch");
    }
}
