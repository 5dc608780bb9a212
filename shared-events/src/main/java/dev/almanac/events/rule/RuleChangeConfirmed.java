package dev.almanac.events.rule;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A proposed change was confirmed at {@code confirmedAt} and applied in the same transaction: the
 * rule's own event ({@link RuleUpdated}, {@link RulePaused} or {@link RuleResumed}) precedes this one
 * on the topic and gave the rule {@code ruleVersion}. Who confirmed it is the envelope's actor.
 */
public record RuleChangeConfirmed(
        ChangeRequestId changeRequestId,
        RuleId ruleId,
        Instant confirmedAt,
        long ruleVersion) implements RuleEvent {

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
