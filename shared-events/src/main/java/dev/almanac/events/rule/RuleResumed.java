package dev.almanac.events.rule;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;

/** A paused rule was resumed explicitly: its occurrences from {@code resumedAt} on are due again. */
public record RuleResumed(RuleId ruleId, Instant resumedAt) implements RuleEvent {

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
        return ruleId.value();
    }
}
