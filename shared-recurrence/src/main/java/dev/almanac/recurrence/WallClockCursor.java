package dev.almanac.recurrence;

/**
 * The wall-clock times of a schedule in ascending order, each as a <em>local second</em>: the
 * seconds from 1970-01-01T00:00 to the time, counted as if on UTC ({@code LocalDateTime.toEpochSecond(UTC)}).
 * Primitive longs keep the walk free of allocation; the zone is applied later.
 *
 * <p>A cursor counts the steps it takes (months it looks at, periods of an RRULE's FREQ) since its
 * reader last said a time was of use ({@link #madeProgress()}). Past {@link #IDLE_STEPS} it gives up
 * rather than search on: a schedule whose every time is skipped (a cron at 02:30 on the second Sunday
 * of March, in New York, under the skip policy) would otherwise walk a window to its far end.
 */
abstract class WallClockCursor {

    /** Returned by {@link #next()} once the bound is reached or the schedule has no more times. */
    static final long END = Long.MAX_VALUE;

    /** Returned by {@link #next()} after {@link #IDLE_STEPS} steps without progress; {@link #reached()} says how far it got. */
    static final long GAVE_UP = Long.MIN_VALUE;

    /** About a second of searching, whichever kind of step. */
    static final long IDLE_STEPS = 2_000_000;

    private long idleSteps;

    /** The next local second, {@link #END}, or {@link #GAVE_UP}. */
    abstract long next();

    /** Every time of the schedule before this local second has been returned. */
    abstract long reached();

    /** The reader found a time it wanted: the search is not idle. */
    final void madeProgress() {
        idleSteps = 0;
    }

    /** Counts steps; true once the cursor has been idle too long. */
    final boolean idleAfter(long steps) {
        idleSteps += steps;
        return idleSteps > IDLE_STEPS;
    }
}
