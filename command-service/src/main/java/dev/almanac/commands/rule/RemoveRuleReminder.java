package dev.almanac.commands.rule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.ReminderId;
import dev.almanac.events.rule.RuleId;

/** Removes a reminder from a rule: none of its occurrences sends it any more (ADR 0079). */
public record RemoveRuleReminder(
        RuleId ruleId,
        ReminderId reminderId,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
