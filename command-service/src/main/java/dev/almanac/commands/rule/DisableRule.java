package dev.almanac.commands.rule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;

/** Disables a rule now, until it is enabled; a resume does not end it. */
public record DisableRule(RuleId ruleId, @Nullable String reason, @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
