package dev.almanac.commands.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Seed 000's answer to a pause or resume: {@code next_run} is when the rule next runs (null while
 * it is paused with no {@code resume_after}); {@code paused_at}, {@code paused_by} and
 * {@code resume_after} are null unless it is paused. Every field is written, nulls included, as
 * in the seed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record RuleStatusResponse(
        String ruleId,
        String status,
        @Nullable Instant pausedAt,
        @Nullable String pausedBy,
        @Nullable Instant nextRun,
        @Nullable Instant resumeAfter) {
}
