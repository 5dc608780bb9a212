package dev.almanac.commands.rule;

/**
 * Where a rule stands, named as seed 000's {@code RecurringRule.status}: active, paused, or
 * disabled (until enabled, or for good once deleted). A pause whose {@code resume_after} has passed is active again
 * without an event (see {@link RuleLifecycle}).
 */
public enum RuleStatus {
    ACTIVE,
    PAUSED,
    DISABLED
}
