package dev.almanac.events.rule;

/** What a local time in the fall-back overlap (a wall-clock time that happens twice) becomes. */
public enum OverlapPolicy {
    /** Runs once, at the first of the two instants. */
    EARLIER,
    /** Runs once, at the second of the two instants. */
    LATER,
    /** Runs at both instants. */
    TWICE
}
