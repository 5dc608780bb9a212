package dev.almanac.events.rule;

/**
 * The actions on a missed run (OPS-MISSED), by the names its source gives them: run it now as a backfill
 * ({@code approve_backfill_run}), move it to a time of the operator's choosing ({@code reschedule}),
 * or take it off the calendar ({@code delete_missed}).
 */
public enum MissedRunAction {
    APPROVE_BACKFILL_RUN,
    RESCHEDULE,
    DELETE_MISSED
}
