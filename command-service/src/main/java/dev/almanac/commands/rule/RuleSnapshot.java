package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * A rule as it stands at one moment: its version, its definition, and its status at that moment (a
 * pause whose {@code resumeAfter} has passed reads active, as everywhere). {@code deleted} rules read
 * disabled and take no change. {@code exceptions} are its moved and cancelled occurrences and the
 * series' end, which outlive an update wherever the new schedule still produces them (ADR 0023).
 */
public record RuleSnapshot(
        RuleId ruleId,
        long version,
        RuleDefinition definition,
        RuleStatus status,
        @Nullable Instant resumeAfter,
        boolean deleted,
        SeriesExceptions exceptions) {

    /** A rule without exceptions. */
    public RuleSnapshot(RuleId ruleId, long version, RuleDefinition definition, RuleStatus status, @Nullable Instant resumeAfter,
                        boolean deleted) {
        this(ruleId, version, definition, status, resumeAfter, deleted, SeriesExceptions.NONE);
    }

    public boolean isPaused() {
        return status == RuleStatus.PAUSED;
    }

    public boolean isDisabled() {
        return status == RuleStatus.DISABLED;
    }
}
