package dev.almanac.rules.intake;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationResult;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Trigger;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;

/**
 * Stores a new rule and runs its first pass. What to publish is decided from the stored state: a
 * redelivery after a complete first pass finds {@code materialised_until} at the end of that window
 * and publishes nothing, and a redelivery after a crash mid-pass publishes from where the last
 * acknowledged pass ended. When this delivery stored the rule, the stored state is the document it
 * wrote, so it is not read back: at 10,000 rules a cold start paid that read ten thousand times
 * (ADR 0031). A writer that changes the rule meanwhile is met by the pass's guarded write, as it
 * would be after a read.
 */
@Component
class RuleCreatedHandler {

    private final RuleStore store;
    private final MaterialisationPlanner planner;
    private final Materialiser materialiser;

    RuleCreatedHandler(RuleStore store, MaterialisationPlanner planner, Materialiser materialiser) {
        this.store = store;
        this.planner = planner;
        this.materialiser = materialiser;
    }

    /** Completes empty when nothing was left to publish, or when the store holds a newer version of the rule. */
    Mono<MaterialisationResult> handle(EventMetadata metadata, RuleCreated created) {
        StoredRule rule = StoredRule.created(created, metadata);
        try {
            rule.definition().spec();
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            // However often it is retried, this rule cannot be expanded: dead-letter it and keep the partition flowing.
            return Mono.error(new PoisonMessageException("rule " + created.ruleId() + " cannot be expanded: " + e.getMessage(), e));
        }
        // Under way from the insert on: the stored rule reads as behind, and the horizon timer leaves it to this pass.
        return materialiser.underWay(rule.ruleId(), store.recordCreation(rule)
                .flatMap(stored -> stored ? Mono.just(rule) : store.find(rule.ruleId()))
                .filter(stored -> stored.version() == rule.version())
                .flatMap(stored -> Mono.justOrEmpty(planner.forCreatedRule(stored)))
                .flatMap(pass -> materialiser.materialise(pass, Trigger.RULE_CREATED)));
    }
}
