package dev.almanac.recurrence;

/**
 * The wall-clock times of a schedule in ascending order, each as a <em>local second</em>: the
 * seconds from 1970-01-01T00:00 to the time, counted as if on UTC ({@code LocalDateTime.toEpochSecond(UTC)}).
 * Primitive longs keep the walk free of allocation; the zone is applied later.
 */
abstract class WallClockCursor {

    /** Returned by {@link #next()} once the bound is reached or the schedule has no more times. */
    static final long END = Long.MAX_VALUE;

    /** The next local second, or {@link #END}. */
    abstract long next();
}
