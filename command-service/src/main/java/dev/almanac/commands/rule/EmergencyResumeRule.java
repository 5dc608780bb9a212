package dev.almanac.commands.rule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;

/**
 * Resumes one rule if, and only if, it is still paused by the emergency pause-all
 * {@code emergencyPauseId}: a rule paused by anyone else, or resumed, disabled or deleted since,
 * is left as it is.
 */
public record EmergencyResumeRule(RuleId ruleId, String emergencyPauseId) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
