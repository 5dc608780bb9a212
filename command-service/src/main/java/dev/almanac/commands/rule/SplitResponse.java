package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer to "this and following": the new rule as a creation answers it, active from
 * {@code active_from}, and the rule it continues, whose series now ends at {@code ends_at}, with
 * that rule's new version. The ETag and consistency token are the new rule's.
 */
record SplitResponse(
        String ruleId,
        String name,
        String status,
        String description,
        @Nullable Instant nextRun,
        Instant activeFrom,
        Instant createdAt,
        String createdBy,
        Continued continues) {

    /** The rule whose series the new one continues. */
    record Continued(String ruleId, Instant endsAt, long version) {
    }
}
