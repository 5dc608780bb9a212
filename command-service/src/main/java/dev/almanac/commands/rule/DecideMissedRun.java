package dev.almanac.commands.rule;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleId;

/** An operator's decision on an occurrence whose start has passed: backfill it, reschedule it to {@code newStart}, or delete it. */
public record DecideMissedRun(
        RuleId ruleId,
        OccurrenceRef occurrence,
        MissedRunAction action,
        @Nullable Instant newStart,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.rule(ruleId);
    }
}
