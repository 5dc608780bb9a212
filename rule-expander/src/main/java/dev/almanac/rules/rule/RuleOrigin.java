package dev.almanac.rules.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * The envelope of the event that created a rule: when it happened, who caused it, and the
 * correlation and trace that every occurrence materialised from the rule carries on.
 */
public record RuleOrigin(Instant time, String actor, String correlationId, @Nullable String traceparent) {

    public static RuleOrigin of(EventMetadata metadata) {
        return new RuleOrigin(metadata.time(), metadata.actor(), metadata.correlationId(), metadata.traceparent());
    }

    /** The same origin, at another time: a pass it causes later. */
    public static RuleOrigin at(RuleOrigin origin, Instant time) {
        return new RuleOrigin(time, origin.actor(), origin.correlationId(), origin.traceparent());
    }
}
