package dev.almanac.events.occurrence;

/** Why rule-expander found an occurrence missed. */
public enum MissedReason {
    /** No run of a dispatched occurrence was reported by its start plus the grace period. */
    NO_RUN_REPORT,
    /** No report of a heartbeat rule came from one interval before the beat to its grace after it (ADR 0073). */
    NO_HEARTBEAT
}
