package dev.almanac.query.run;

import org.jspecify.annotations.Nullable;

/**
 * What a calendar view shows of an entry's runs (OPS-STATUS's run-state overlay). An entry whose run
 * was reported shows that run, whatever its rule did since: running, succeeded or failed. One with
 * no run that rule-expander found missed shows missed ({@link RunState#MISSED}, which
 * {@link Runs#latestOf} gives it from {@code missed_runs}) until an operator reschedules or deletes
 * it. Any other shows paused or disabled when its rule holds it back, and scheduled otherwise.
 */
public enum RunOverlay {
    SCHEDULED, RUNNING, SUCCEEDED, FAILED, MISSED, PAUSED, DISABLED;

    /**
     * @param latest   the entry's latest run, if one was reported
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
}
