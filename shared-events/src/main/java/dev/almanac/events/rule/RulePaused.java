package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule was paused at {@code pausedAt}: no occurrence of it starts from then on until it is
 * resumed, explicitly ({@link RuleResumed}) or when {@code resumeAfter} passes. Who paused it is
 * the envelope's actor. With {@code resumeAfter}, the pause is the window
 * {@code [pausedAt, resumeAfter)}, and every replica of every consumer can tell from this event
 * alone when it ends. {@code emergencyPauseId} names the emergency pause-all that paused it, whose
 * undo resumes only the rules it paused; null for a pause of this rule alone.
 */
public record RulePaused(
        RuleId ruleId,
        Instant pausedAt,
        @Nullable Instant resumeAfter,
        @Nullable String reason,
        @Nullable String emergencyPauseId) implements RuleEvent {

    /** A pause of this rule alone. */
    public RulePaused(RuleId ruleId, Instant pausedAt, @Nullable Instant resumeAfter, @Nullable String reason) {
        this(ruleId, pausedAt, resumeAfter, reason, null);
    }

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
