package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Seed 000's create-rule response. {@code next_run} is the first occurrence's start, jitter included. */
record CreateRuleResponse(
        String ruleId,
        String name,
        String status,
        @Nullable Instant nextRun,
        Instant createdAt,
        String createdBy) {
}
