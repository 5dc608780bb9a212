package dev.almanac.commands.rule;

import java.time.Instant;

import dev.almanac.commands.command.CreationCommand;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;

/**
 * Creates a recurring rule with {@code definition}, active from its {@code activeFrom}: the moment
 * the rule was requested, or the seam of the series it continues ({@link RuleSplitter}).
 */
public record CreateRule(RuleId ruleId, RuleDefinition definition) implements CreationCommand {

    /** When the rule was requested, from which it is active. */
    public Instant requestedAt() {
        return definition.activeFrom();
    }

    /** The same rule, active from {@code activeFrom} instead of the moment it was requested. */
    CreateRule activeFrom(Instant activeFrom) {
        return new CreateRule(ruleId, definition.activeFrom(activeFrom));
    }

    public RuleCreated toEvent() {
        return definition.created(ruleId);
    }

    @Override
    public String aggregateId() {
        return StoreIds.rule(ruleId);
    }

    /** The same rule, requested at another moment, is a repeat. */
    @Override
    public boolean isRepeatOf(Object firstEvent) {
        return firstEvent instanceof RuleCreated created
                && created.ruleId().equals(ruleId)
                && RuleDefinition.of(created).activeFrom(requestedAt()).equals(definition);
    }
}
