package dev.almanac.commands.rule.change;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleId;

/** Rejects (or, by its proposer, withdraws) a proposed change of rule {@code ruleId}; with {@code expectedVersion}, only at that version. */
public record RejectRuleChange(ChangeRequestId changeRequestId, RuleId ruleId, @Nullable String reason, @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.changeRequest(changeRequestId);
    }
}
