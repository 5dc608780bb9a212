package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * One occurrence of a rule moved to {@code start}, as RFC 5545's RECURRENCE-ID overrides one
 * instance of a series: {@code recurrenceId} is the instant the series resolved it to (its
 * {@code resolved_at}, from which {@code occurrenceId} derives), and the occurrence keeps that
 * identity wherever it is moved; it starts exactly at {@code start}, with no jitter, and lasts the
 * rule's duration. A later move of the same occurrence replaces this one. Who moved it is the
 * envelope's actor.
 */
public record RuleOccurrenceMoved(
        RuleId ruleId,
        OccurrenceId occurrenceId,
        Instant recurrenceId,
        Instant start,
        Instant movedAt,
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
