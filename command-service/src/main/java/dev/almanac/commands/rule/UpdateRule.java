package dev.almanac.commands.rule;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleUpdated;

/**
 * Replaces a rule's definition from now on; its id, {@code active_from} and pause stay, so the
 * {@code activeFrom} of {@code definition} is not read.
 */
public record UpdateRule(RuleId ruleId, RuleDefinition definition, @TargetAggregateVersion @Nullable Long expectedVersion) {

    /** The definition a PUT body gives, read as a creation's body is. */
    static UpdateRule replacing(CreateRule requested, @Nullable Long expectedVersion) {
        return new UpdateRule(requested.ruleId(), requested.definition(), expectedVersion);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }

    RuleUpdated toEvent(Instant updatedAt) {
        return definition.updated(ruleId, updatedAt);
    }
}
