package dev.almanac.commands.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a pause or resume (F033-PAUSE): {@code next_run} is when the rule next runs (null while
 * it is paused with no {@code resume_after}); {@code paused_at}, {@code paused_by} and
 * {@code resume_after} are null unless it is paused. Every field is written, nulls included, as
 * the published schema has them (F033-SCHEMAS).
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
