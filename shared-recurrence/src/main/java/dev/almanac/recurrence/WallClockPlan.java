package dev.almanac.recurrence;

import java.time.ZoneId;

/** What a schedule compiles to: a source of wall-clock times, and where the schedule starts and ends if it does. */
interface WallClockPlan {

    /** The schedule's local seconds in {@code [fromLocalSecond, untilLocalSecond)}, ascending. */
    WallClockCursor cursor(long fromLocalSecond, long untilLocalSecond);

    /** No time lies before this local second; {@code Long.MIN_VALUE} when the schedule has no start. */
    long firstLocalSecond();

    /** No time lies after this local second; {@code Long.MAX_VALUE} when the schedule does not end. */
    long lastLocalSecond();

    /**
     * This plan read in {@code zone}: the same plan, unless an end was given as an instant (an RRULE's
     * UNTIL in UTC), which becomes the wall-clock time it was in {@code zone}.
     */
    default WallClockPlan in(ZoneId zone) {
        return this;
    }
}
