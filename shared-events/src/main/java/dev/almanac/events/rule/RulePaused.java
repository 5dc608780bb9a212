package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule was paused at {@code pausedAt}: no occurrence of it starts from then on until it is
 * resumed, explicitly ({@link RuleResumed}) or when {@code resumeAfter} passes. Who paused it is
 * the envelope's actor. With {@code resumeAfter}, the pause is the window
 * {@code [pausedAt, resumeAfter)}, and every replica of every consumer can tell from this event
 * alone when it ends.
 */
public record RulePaused(
        RuleId ruleId,
        Instant pausedAt,
        @Nullable Instant resumeAfter,
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
