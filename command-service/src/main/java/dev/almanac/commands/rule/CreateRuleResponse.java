package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The create-rule response of F033-RULE. {@code next_run} is the first occurrence's start, jitter included;
 * {@code description} says in English when the rule fires ({@code at 10:00 last Friday of every month}).
 */
record CreateRuleResponse(
        String ruleId,
        String name,
        String status,
        String description,
        @Nullable Instant nextRun,
        Instant createdAt,
        String createdBy) {
}
