package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.RuleId;

/**
 * A rule as it stands at one moment: its version, its definition, and its status at that moment (a
 * pause whose {@code resumeAfter} has passed reads active, as everywhere). {@code deleted} rules read
 * disabled and take no change.
 */
public record RuleSnapshot(
        RuleId ruleId,
        long version,
        RuleDefinition definition,
        RuleStatus status,
        @Nullable Instant resumeAfter,
        boolean deleted) {

    public boolean isPaused() {
        return status == RuleStatus.PAUSED;
    }

    public boolean isDisabled() {
        return status == RuleStatus.DISABLED;
    }
}
