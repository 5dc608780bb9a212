package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * One occurrence of a rule will not happen, as an RFC 5545 EXDATE removes one instance of a series:
 * {@code recurrenceId} is the instant the series resolved it to (its {@code resolved_at}, from
 * which {@code occurrenceId} derives). It stays cancelled whatever the rule does later. Who
 * cancelled it is the envelope's actor.
 */
public record RuleOccurrenceCancelled(
        RuleId ruleId,
        OccurrenceId occurrenceId,
        Instant recurrenceId,
        Instant cancelledAt,
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
        return ruleId.value();
    }
}
