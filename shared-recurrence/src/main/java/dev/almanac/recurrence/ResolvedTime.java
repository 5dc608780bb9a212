package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;

import dev.almanac.events.occurrence.DstResolution;

/** A wall-clock time the cron named, read in the rule's zone, and the instant the DST policy made of it. */
record ResolvedTime(LocalDateTime nominal, Instant instant, DstResolution resolution) {

    /**
     * Which of two times that resolve to the same instant (and so would get the same occurrence
     * id) is kept: the one that exists exactly, otherwise the earlier wall-clock time.
     */
    static final Comparator<ResolvedTime> KEEP_FIRST = Comparator
            .comparing((ResolvedTime time) -> time.resolution() != DstResolution.EXACT)
            .thenComparing(ResolvedTime::nominal);

    static ResolvedTime kept(ResolvedTime one, ResolvedTime other) {
        return KEEP_FIRST.compare(one, other) <= 0 ? one : other;
    }
}
