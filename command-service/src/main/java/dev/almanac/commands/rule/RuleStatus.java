package dev.almanac.commands.rule;

/**
 * Where a rule stands, named as {@code RecurringRule.status} names it (F033-RULE-STATUS): active, paused, or
 * disabled (until enabled, or for good once deleted). A pause whose {@code resume_after} has passed is active again
 * without an event (see {@link RuleLifecycle}).
 */
public enum RuleStatus {
    ACTIVE,
    PAUSED,
    DISABLED
}
