package dev.almanac.events.rule;

/** What a proposed {@link RuleChange} does to its rule, through which of the rule's own commands. */
public enum RuleChangeAction {
    /** Replaces parts of the rule's definition (schedule, zone, duration, jitter, DST policy), as {@link RuleUpdated}. */
    UPDATE,
    /** Pauses the rule, until {@code resume_after} if given, as {@link RulePaused}. */
    PAUSE,
    /** Resumes a paused rule, as {@link RuleResumed}. */
    RESUME
}
