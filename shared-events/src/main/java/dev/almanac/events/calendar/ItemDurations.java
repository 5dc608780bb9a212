package dev.almanac.events.calendar;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How long an item on a calendar may last, and how long one given without an end lasts. The
 * limits of SCH-002 and SCH-003 (15 minutes to 30 days) are the defaults of event calendars; a
 * queue's jobs may be as short as a second. A zero-length job is not yet supported: every
 * interval in Almanac is a non-empty half-open {@code [start, end)}.
 */
public record ItemDurations(long minimumSeconds, long maximumSeconds, @Nullable Long defaultSeconds) {

    public static final long SHORTEST_SECONDS = 1;
    public static final long LONGEST_SECONDS = Duration.ofDays(366).toSeconds();
    public static final long EVENT_MINIMUM_SECONDS = Duration.ofMinutes(15).toSeconds();
    public static final long EVENT_MAXIMUM_SECONDS = Duration.ofDays(30).toSeconds();

    public ItemDurations {
        if (minimumSeconds < SHORTEST_SECONDS || maximumSeconds > LONGEST_SECONDS || minimumSeconds > maximumSeconds) {
            throw new IllegalArgumentException("item durations must satisfy " + SHORTEST_SECONDS + " <= minimum ("
                    + minimumSeconds + ") <= maximum (" + maximumSeconds + ") <= " + LONGEST_SECONDS + " seconds");
        }
        if (defaultSeconds != null && (defaultSeconds < minimumSeconds || defaultSeconds > maximumSeconds)) {
            throw new IllegalArgumentException("the default duration of " + defaultSeconds
                    + " s must lie between the minimum and the maximum");
        }
    }

    /** The limits a calendar of {@code type} has unless it names its own. */
    public static ItemDurations defaultsFor(CalendarType type) {
        return new ItemDurations(type == CalendarType.QUEUE ? SHORTEST_SECONDS : EVENT_MINIMUM_SECONDS,
                EVENT_MAXIMUM_SECONDS, null);
    }

    public Duration minimum() {
        return Duration.ofSeconds(minimumSeconds);
    }

    public Duration maximum() {
        return Duration.ofSeconds(maximumSeconds);
    }

    public Optional<Duration> defaultDuration() {
        return Optional.ofNullable(defaultSeconds).map(Duration::ofSeconds);
    }
}
