package dev.almanac.query.entry;

import java.time.Duration;
import java.time.Instant;

/** The fields of an entry that aggregate views count: when it runs, on which calendar, of which type. */
public record EntryTiming(Instant start, Instant end, String calendarId, String type) {

    /** The entry's length; zero if a malformed document ends before it starts. */
    public Duration duration() {
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
}
