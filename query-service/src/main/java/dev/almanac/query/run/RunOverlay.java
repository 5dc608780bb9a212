package dev.almanac.query.run;

import org.jspecify.annotations.Nullable;

/**
 * What a calendar view shows of an entry's runs (OPS-STATUS's run-state overlay, and the dispatcher's decisions, ADR
 * 0071). An entry shows the higher ranked of its latest reported run and the dispatcher's latest decision on it
 * ({@link LatestRun}): running, succeeded or failed as its executor reported; dispatched, buffered, skipped, timed
 * out, retry scheduled or retries exhausted as the dispatcher decided. One with neither that rule-expander found missed
 * shows missed ({@link RunState#MISSED}, which {@link Runs#latestOf} gives it from {@code missed_runs}) until an
 * operator reschedules or deletes it. Any other shows paused or disabled when its rule holds it back, and scheduled
 * otherwise. The first seven are OPS-STATUS's; the rest are the dispatcher's.
 */
public enum RunOverlay {
    SCHEDULED, RUNNING, SUCCEEDED, FAILED, MISSED, PAUSED, DISABLED,
    DISPATCHED, BUFFERED, SKIPPED, TIMED_OUT, RETRY_SCHEDULED, RETRIES_EXHAUSTED;

    /**
     * @param latest   the entry's latest run, if one was reported, or its missed state
     * @param heldBack {@link #PAUSED} or {@link #DISABLED} when the entry's rule holds it back, else null
     */
    public static RunOverlay of(@Nullable RunState latest, @Nullable RunOverlay heldBack) {
        if (latest != null) {
            return switch (latest.status()) {
                case RunState.RUNNING -> RUNNING;
                case RunState.SUCCEEDED -> SUCCEEDED;
                case RunState.FAILED -> FAILED;
                case RunState.MISSED -> MISSED;
                default -> throw new IllegalStateException("a run of entry " + latest.entryId() + " in an unknown status " + latest.status());
            };
        }
        return heldBack != null ? heldBack : SCHEDULED;
    }

    /** The overlay of the dispatcher's decision, where it outranks the run reported. */
    public static RunOverlay of(DispatchDecision decision) {
        return switch (decision) {
            case BUFFERED -> BUFFERED;
            case SKIPPED -> SKIPPED;
            case DISPATCHED -> DISPATCHED;
            case TIMED_OUT -> TIMED_OUT;
            case RETRY_SCHEDULED -> RETRY_SCHEDULED;
            case RETRIES_EXHAUSTED -> RETRIES_EXHAUSTED;
        };
    }
}
