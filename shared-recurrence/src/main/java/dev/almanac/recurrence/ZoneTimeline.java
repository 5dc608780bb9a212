package dev.almanac.recurrence;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import org.jspecify.annotations.Nullable;

/**
 * Reads ascending local seconds in a zone with one {@link ZoneRules} transition lookup per
 * transition instead of one per time. Between two transitions every local time has exactly one
 * offset, the one in force after the earlier transition; a time inside a transition's gap or
 * overlap (from {@code min(before, after)} to {@code max(before, after)} past the transition, in
 * local time) is left to {@link DstResolver}. tzdata's transitions lie further apart than their own
 * lengths, so those local ranges follow one another in order; a test checks this for every zone.
 */
final class ZoneTimeline {

    /** Returned by {@link #exactOffset} for a local time in a gap or an overlap. */
    static final int AT_TRANSITION = Integer.MIN_VALUE;

    /** Further back than any zone's offset reaches, so the first transition found is not too late. */
    private static final long BEFORE_ANY_OFFSET = 2 * 86_400L;

    private final ZoneRules rules;
    private int offsetSeconds;
    private @Nullable ZoneOffsetTransition next;
    private long nextStart;
    private long nextEnd;

    ZoneTimeline(ZoneRules rules, long firstLocalSecond) {
        this.rules = rules;
        Instant probe = Instant.ofEpochSecond(firstLocalSecond - BEFORE_ANY_OFFSET);
        this.offsetSeconds = rules.getOffset(probe).getTotalSeconds();
        this.next = rules.isFixedOffset() ? null : rules.nextTransition(probe);
        if (next != null) {
            offsetSeconds = next.getOffsetBefore().getTotalSeconds();
        }
        locateNext();
    }

    /**
     * The offset, in seconds, at which {@code localSecond} exists exactly once, or {@link #AT_TRANSITION}.
     * Calls must come in ascending order of local second.
     */
    int exactOffset(long localSecond) {
        while (localSecond >= nextEnd) {
            ZoneOffsetTransition passed = next;
            offsetSeconds = passed.getOffsetAfter().getTotalSeconds();
            next = rules.nextTransition(passed.getInstant());
            locateNext();
        }
        return localSecond < nextStart ? offsetSeconds : AT_TRANSITION;
    }

    private void locateNext() {
        ZoneOffsetTransition transition = next;
        if (transition == null) {
            nextStart = Long.MAX_VALUE;
            nextEnd = Long.MAX_VALUE;
            return;
        }
        long at = transition.toEpochSecond();
        int before = transition.getOffsetBefore().getTotalSeconds();
        int after = transition.getOffsetAfter().getTotalSeconds();
        nextStart = at + Math.min(before, after);
        nextEnd = at + Math.max(before, after);
    }
}
