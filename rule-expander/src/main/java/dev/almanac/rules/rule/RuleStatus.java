package dev.almanac.rules.rule;

/**
 * Whether the horizon keeps moving for a rule. Only active rules are materialised; a paused rule
 * becomes active again when it is resumed or, by the horizon timer, once its {@code resume_after}
 * has passed; a deleted rule never again.
 */
public enum RuleStatus {
    ACTIVE,
    PAUSED,
    DELETED
}
