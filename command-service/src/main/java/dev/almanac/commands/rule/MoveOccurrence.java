package dev.almanac.commands.rule;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.RuleId;

/** Moves one occurrence of a rule, not started yet, to {@code newStart} (RFC 5545's RECURRENCE-ID). */
public record MoveOccurrence(
        RuleId ruleId,
        OccurrenceRef occurrence,
        Instant newStart,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
