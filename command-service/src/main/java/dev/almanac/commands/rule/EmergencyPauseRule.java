package dev.almanac.commands.rule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;

/**
 * Pauses one rule for the emergency pause-all {@code emergencyPauseId}, if it runs: a rule already
 * paused, disabled or deleted is left as it is, so the sweep may send this again after a crash.
 */
public record EmergencyPauseRule(RuleId ruleId, String emergencyPauseId, @Nullable String reason) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
