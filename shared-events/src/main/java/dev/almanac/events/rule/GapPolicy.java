package dev.almanac.events.rule;

/** What a local time in the spring-forward gap (a wall-clock time that does not exist) becomes. */
public enum GapPolicy {
    /** Runs later by the length of the gap: 02:30 becomes 03:30 on a one-hour gap, as java.time resolves it. */
    SHIFT_FORWARD,
    /** Does not run that day. */
    SKIP
}
