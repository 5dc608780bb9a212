package dev.almanac.commands.rule;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;

/**
 * Ends a rule's series at one of its occurrences, not started yet, which {@code continuedBy} takes
 * over with the occurrences after it: the first half of {@link SplitRule}, sent only by
 * {@link RuleSplitter} inside its unit of work. The rule answers where its series now ends.
 */
record EndSeries(RuleId ruleId, OccurrenceRef occurrence, RuleId continuedBy) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
