package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a pause, resume or deletion left: the rule's status, its pause if it is paused, when it
 * next runs, and the aggregate version its last event gave it.
 */
public record RuleChanged(
        RuleStatus status,
        @Nullable Instant pausedAt,
        @Nullable Instant resumeAfter,
        @Nullable Instant nextRun,
        long version) {
}
