package dev.almanac.events;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval {@code [start, end)} of instants. */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start " + start + " must be before end " + end);
        }
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public TimeRange span(TimeRange other) {
        return new TimeRange(start.isBefore(other.start) ? start : other.start, end.isAfter(other.end) ? end : other.end);
    }
}
