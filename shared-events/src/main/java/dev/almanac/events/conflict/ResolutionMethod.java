package dev.almanac.events.conflict;

/** How a conflict was resolved (SCH-LIFECYCLE). */
public enum ResolutionMethod {
    RESCHEDULED,
    RESOURCE_CHANGED,
    EVENT_CANCELLED,
    /** The breach is accepted as it is; SCH-024 asks for a reason, which is the resolution's note. */
    OVERRIDE_APPLIED,
    SPLIT
}
