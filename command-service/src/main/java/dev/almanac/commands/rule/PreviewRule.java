package dev.almanac.commands.rule;

/**
 * Shows what creating {@code rule} would schedule, its next {@code count} occurrences from its request on, and stores
 * nothing (UI-RULE-PREVIEW).
 */
record PreviewRule(CreateRule rule, int count) {
}
