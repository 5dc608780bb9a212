package dev.almanac.query.run;

/**
 * The dispatcher's latest decision on an occurrence (almanac.dispatch.v1, ADR 0070), in the order the decisions of one
 * attempt follow one another. Its {@link #step} places it among the run reports of the same attempt
 * ({@link RunState#rank}): a run report outranks a bare dispatch, and a timeout, a retry or the end of retries
 * outranks every report of the attempt it ends.
 */
public enum DispatchDecision {
    /** {@code OccurrenceBuffered}: it waits, its rule's one buffered occurrence, for a run in flight to end. */
    BUFFERED(0),
    /** {@code OccurrenceSkipped}: it is not dispatched at all ({@code max_concurrent} or superseded in the buffer). */
    SKIPPED(1),
    /** {@code OccurrenceDue}: the attempt was handed to executors, which have not reported it yet. */
    DISPATCHED(2),
    /** {@code RunTimedOut}: no final report of the attempt came by its timeout; a later report of it changes nothing. */
    TIMED_OUT(5),
    /** {@code RetryScheduled}: the attempt failed or timed out, and the next one is due at {@code retry_at}. */
    RETRY_SCHEDULED(6),
    /** {@code RetriesExhausted}: the last attempt failed or timed out and the retry policy allows no more: final. */
    RETRIES_EXHAUSTED(7);

    /** Where run reports of an attempt stand among its decisions: started, then finished. */
    static final int RUNNING_STEP = 3;
    static final int FINISHED_STEP = 4;
    /** Steps per attempt: a rank's attempt is its tens. */
    static final int STEPS = 10;

    private final int step;

    DispatchDecision(int step) {
        this.step = step;
    }

    int step() {
        return step;
    }

    /** The rank of this decision about {@code attempt}: later attempts rank above every step of earlier ones. */
    long rank(int attempt) {
        return rank(attempt, step);
    }

    static long rank(int attempt, int step) {
        return (long) STEPS * attempt + step;
    }

    /**
     * Whether rule-expander's missed state shows over this decision when no run was reported: the occurrence was still
     * waiting for a run (buffered, or dispatched and never reported), and missed is the newer fact. A skip, a timeout or a
     * retry decided why no run came, and stays shown.
     */
    boolean yieldsToMissed() {
        return this == BUFFERED || this == DISPATCHED;
    }
}
