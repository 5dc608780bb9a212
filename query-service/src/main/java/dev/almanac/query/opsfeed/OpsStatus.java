package dev.almanac.query.opsfeed;

import dev.almanac.query.run.RunOverlay;

/** OPS-STATUS's event status, read from the run-state overlay the calendar views show (ADR 0025). */
public enum OpsStatus {
    SCHEDULED, RUNNING, SUCCESS, FAILED, MISSED, PAUSED, DISABLED;

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
        };
    }
}
