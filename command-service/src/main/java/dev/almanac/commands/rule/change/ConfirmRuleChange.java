package dev.almanac.commands.rule.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleId;

/** Confirms a proposed change of rule {@code ruleId}, seen at the change request's {@code expectedVersion}. */
public record ConfirmRuleChange(ChangeRequestId changeRequestId, RuleId ruleId, long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.changeRequest(changeRequestId);
    }
}
