package dev.almanac.events.dispatch;

/** How an attempt ended that its rule's retry policy tries again. */
public enum AttemptOutcome {
    /** Its executor reported it failed. */
    FAILED,
    /** No final report came before its timeout. */
    TIMED_OUT
}
