package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a rule's update: where it stands (a paused rule stays paused), its new schedule in
 * English, and when it next runs under the new definition. The new version is the ETag.
 */
record RuleUpdatedResponse(
        String ruleId,
        String name,
        String status,
        String description,
        @Nullable Instant nextRun) {
}
