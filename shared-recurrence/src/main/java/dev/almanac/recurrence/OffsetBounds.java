package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The smallest and largest UTC offsets at which a zone can read a wall-clock time that resolves
 * into a window. They say which wall-clock times to enumerate for the window, and when no later
 * wall-clock time can resolve earlier than one already found.
 */
record OffsetBounds(ZoneOffset min, ZoneOffset max) {

    /** Longer than any gap in the tz database; the longest, 24 hours, skipped 30 December 2011 in Samoa. */
    private static final Duration LONGER_THAN_ANY_GAP = Duration.ofDays(2);

    static OffsetBounds during(ZoneRules rules, Instant from, Instant until) {
        // A time shifted out of a gap resolves at the offset in force before the gap, up to one gap
        // length before its instant, so the search starts that much earlier.
        Instant start = from.minus(LONGER_THAN_ANY_GAP);
        int min = rules.getOffset(start).getTotalSeconds();
        int max = min;
        for (ZoneOffsetTransition transition = rules.nextTransition(start);
                transition != null && transition.getInstant().isBefore(until);
                transition = rules.nextTransition(transition.getInstant())) {
            int offset = transition.getOffsetAfter().getTotalSeconds();
            min = Math.min(min, offset);
            max = Math.max(max, offset);
        }
        return new OffsetBounds(ZoneOffset.ofTotalSeconds(min), ZoneOffset.ofTotalSeconds(max));
    }
}
