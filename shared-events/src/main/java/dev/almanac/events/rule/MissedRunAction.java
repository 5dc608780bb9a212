package dev.almanac.events.rule;

/**
 * Seed 001's actions on a missed run, by their seed names: run it now as a backfill
 * ({@code approve_backfill_run}), move it to a time of the operator's choosing ({@code reschedule}),
 * or take it off the calendar ({@code delete_missed}).
 */
public enum MissedRunAction {
    APPROVE_BACKFILL_RUN,
    RESCHEDULE,
    DELETE_MISSED
}
