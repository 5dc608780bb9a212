package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A proposed change was rejected at {@code rejectedAt}, by its reviewer or withdrawn by its
 * proposer (the envelope's actor says who); the rule never changed and the proposal can no longer
 * be confirmed.
 */
public record RuleChangeRejected(
        ChangeRequestId changeRequestId,
        RuleId ruleId,
        Instant rejectedAt,
        @Nullable String reason) implements RuleEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return ruleId.value();
    }

    @Override
    public String subject() {
        return changeRequestId.value();
    }
}
