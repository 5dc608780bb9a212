package dev.almanac.rules.rule;

/** Whether the horizon keeps moving for a rule. Only active rules are materialised. */
public enum RuleStatus {
    ACTIVE
}
