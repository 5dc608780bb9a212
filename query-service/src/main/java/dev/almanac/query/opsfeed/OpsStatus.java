package dev.almanac.query.opsfeed;

import dev.almanac.query.run.RunOverlay;

/**
 * OPS-STATUS's event status, read from the run-state overlay the calendar views show (ADR 0025): OPS-STATUS's seven, and
 * the dispatcher's decisions on an occurrence (ADR 0071).
 */
public enum OpsStatus {
    SCHEDULED, RUNNING, SUCCESS, FAILED, MISSED, PAUSED, DISABLED,
    DISPATCHED, BUFFERED, SKIPPED, TIMED_OUT, RETRY_SCHEDULED, RETRIES_EXHAUSTED;

    /** The overlay under OPS-STATUS's names: {@code succeeded} is {@code success}, every other keeps its name. */
    static OpsStatus of(RunOverlay overlay) {
        return switch (overlay) {
            case SCHEDULED -> SCHEDULED;
            case RUNNING -> RUNNING;
            case SUCCEEDED -> SUCCESS;
            case FAILED -> FAILED;
            case MISSED -> MISSED;
            case PAUSED -> PAUSED;
            case DISABLED -> DISABLED;
            case DISPATCHED -> DISPATCHED;
            case BUFFERED -> BUFFERED;
            case SKIPPED -> SKIPPED;
            case TIMED_OUT -> TIMED_OUT;
            case RETRY_SCHEDULED -> RETRY_SCHEDULED;
            case RETRIES_EXHAUSTED -> RETRIES_EXHAUSTED;
        };
    }
}
