package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;

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
        Bounds bounds = new Bounds(rules.getOffset(start));
        List<ZoneOffsetTransition> listed = rules.getTransitions();
        Instant lastListed = listed.isEmpty() ? Instant.MIN : listed.get(listed.size() - 1).getInstant();
        for (ZoneOffsetTransition transition = rules.nextTransition(start);
                transition != null && transition.getInstant().isBefore(until);
                transition = rules.nextTransition(transition.getInstant())) {
            bounds.include(transition.getOffsetAfter());
            if (transition.getInstant().isAfter(lastListed)) {
                // From here on the zone's yearly rules repeat, so their offsets are all that can follow;
                // walking them year by year to a far-off window end would not terminate in useful time.
                for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
                    bounds.include(rule.getOffsetBefore());
                    bounds.include(rule.getOffsetAfter());
                }
                break;
            }
        }
        return new OffsetBounds(ZoneOffset.ofTotalSeconds(bounds.min), ZoneOffset.ofTotalSeconds(bounds.max));
    }

    private static final class Bounds {

        private int min;
        private int max;

        Bounds(ZoneOffset first) {
            min = first.getTotalSeconds();
            max = min;
        }

        void include(ZoneOffset offset) {
            min = Math.min(min, offset.getTotalSeconds());
            max = Math.max(max, offset.getTotalSeconds());
        }
    }
}
