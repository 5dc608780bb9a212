package dev.almanac.commands.rule.change;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a confirmation or rejection: the change request's status and new version, who
 * decided and when, and after a confirmation where the rule stands.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeDecisionResponse(
        String id,
        String ruleId,
        @Schema(description = "confirmed or rejected") String status,
        @Schema(description = "The change request's version, also its ETag") long version,
        Instant decidedAt,
        String decidedBy,
        @Nullable String reason,
        @Schema(description = "After a confirmation: the rule as the change left it") @Nullable RuleView rule) {

    record RuleView(
            @Schema(description = "active, paused or disabled") String status,
            @Schema(description = "The rule's version after the change, also the Almanac-Consistency-Token's") long version,
            @Nullable Instant nextRun,
            @Nullable Instant resumeAfter) {
    }
}
