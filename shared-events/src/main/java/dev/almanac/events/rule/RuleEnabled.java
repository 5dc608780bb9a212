package dev.almanac.events.rule;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;

/** A disabled rule was enabled: its occurrences from {@code enabledAt} on are due again. */
public record RuleEnabled(RuleId ruleId, Instant enabledAt) implements RuleEvent {

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
