package dev.almanac.events.dispatch;

/** Why an occurrence was dispatched. */
public enum DispatchTrigger {
    /** Its start came: a run of the series, or one an operator moved. */
    SCHEDULED,
    /** rule-expander found an occurrence missed, and the rule's catch-up policy runs it again. */
    CATCH_UP,
    /** An operator approved a backfill run of a missed occurrence. */
    BACKFILL,
    /** Someone asked the rule to run at once. */
    RUN_NOW,
    /** An earlier attempt failed or timed out, and the rule's retry policy runs it again. */
    RETRY
}
