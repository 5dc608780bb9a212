package dev.almanac.dispatch.due;

/** Where a followed occurrence stands. */
public enum RunPhase {
    /** An attempt is dispatched and has not ended. */
    IN_FLIGHT,
    /** An attempt ended failed or timed out, and the next waits for its backoff. */
    RETRY_WAIT,
    /** It succeeded, or its attempts are spent: a report of it changes nothing. */
    FINAL
}
