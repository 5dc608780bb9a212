package dev.almanac.events.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** A half-open range {@code [start, end)} during which a resource is unavailable, and why. */
public record UnavailableRange(Instant start, Instant end, @Nullable String reason) {

    public UnavailableRange {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("an unavailable range must end after it starts, but ran from " + start + " to " + end);
        }
    }

    public boolean overlaps(Instant from, Instant till) {
        return start.isBefore(till) && from.isBefore(end);
    }

    /** The part of this range inside {@code [from, till)}, with this range's reason; empty when they do not overlap. */
    public Optional<UnavailableRange> within(Instant from, Instant till) {
        if (!overlaps(from, till)) {
            return Optional.empty();
        }
        return Optional.of(new UnavailableRange(start.isAfter(from) ? start : from, end.isBefore(till) ? end : till, reason));
    }

    /**
     * What is left of this range once {@code [from, till)} is available: all of it when they do not
     * overlap, nothing when it lies inside, else the part before {@code from}, the part after
     * {@code till}, or both, each with this range's reason.
     */
    public List<UnavailableRange> without(Instant from, Instant till) {
        if (!overlaps(from, till)) {
            return List.of(this);
        }
        List<UnavailableRange> left = new ArrayList<>(2);
        if (start.isBefore(from)) {
            left.add(new UnavailableRange(start, from, reason));
        }
        if (end.isAfter(till)) {
            left.add(new UnavailableRange(till, end, reason));
        }
        return List.copyOf(left);
    }
}
