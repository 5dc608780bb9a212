package dev.almanac.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;

/** Reads a wall-clock time in a zone and applies the rule's DST policy where the time is ambiguous. */
final class DstResolver {

    private DstResolver() {
    }

    /** None (a skipped gap time), one, or two (an overlap time run twice) instants, earliest first. */
    static List<ResolvedTime> resolve(LocalDateTime nominal, ZoneRules rules, DstPolicy policy) {
        List<ZoneOffset> offsets = rules.getValidOffsets(nominal);
        if (offsets.size() == 1) {
            return List.of(new ResolvedTime(nominal, nominal.toInstant(offsets.get(0)), DstResolution.EXACT));
        }
        ZoneOffsetTransition transition = rules.getTransition(nominal);
        if (transition.isGap()) {
            return switch (policy.gap()) {
                // Read at the offset before the gap, the time lands as far past the gap's end as it was past
                // its start: 02:30 becomes 03:30 on a one-hour gap, exactly as ZonedDateTime.of resolves it.
                case SHIFT_FORWARD -> List.of(new ResolvedTime(nominal, nominal.toInstant(transition.getOffsetBefore()), DstResolution.GAP_SHIFTED));
                case SKIP -> List.of();
            };
        }
        ResolvedTime earlier = new ResolvedTime(nominal, nominal.toInstant(transition.getOffsetBefore()), DstResolution.OVERLAP_EARLIER);
        ResolvedTime later = new ResolvedTime(nominal, nominal.toInstant(transition.getOffsetAfter()), DstResolution.OVERLAP_LATER);
        return switch (policy.overlap()) {
            case EARLIER -> List.of(earlier);
            case LATER -> List.of(later);
            case TWICE -> List.of(earlier, later);
        };
    }
}
