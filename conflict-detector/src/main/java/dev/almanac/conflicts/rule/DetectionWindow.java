package dev.almanac.conflicts.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where rule occurrences take part in detection. An occurrence counts if it starts before {@code horizon}, as one
 * counted once rule-expander had materialised it, about 90 days ahead; the horizon moves on a whole hour at a time.
 * A rule's change is swept from {@code since}, a day before the horizon's 90 days, and occurrences starting earlier
 * are history: rule-expander changes none of them (its steps act from their own instants on), and detection that
 * reaches them, an item placed in the past or a re-scan, computes them from the timeline.
 */
public record DetectionWindow(Instant since, Instant horizon) {

    /** How far ahead rule occurrences count: rule-expander's horizon. */
    public static final Duration LOOKAHEAD = Duration.ofDays(90);
    /** How far before the lookahead a rule's change is still swept. */
    public static final Duration LOOKBACK = Duration.ofDays(1);

    public DetectionWindow {
        if (!since.isBefore(horizon)) {
            throw new IllegalArgumentException("a window from " + since + " to " + horizon + " is empty");
        }
    }

    /** The window whose horizon is {@code horizon}. */
    public static DetectionWindow endingAt(Instant horizon) {
        return new DetectionWindow(horizon.minus(LOOKAHEAD).minus(LOOKBACK), horizon);
    }

    /** The horizon at wall-clock {@code now}: the next whole hour, 90 days ahead. */
    public static Instant horizonAt(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(LOOKAHEAD);
    }

    /** When the horizon at {@code now} next moves on: the next whole hour. */
    public static Instant nextHorizonMove(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    public long sinceMillis() {
        return since.toEpochMilli();
    }

    public long horizonMillis() {
        return horizon.toEpochMilli();
    }
}
