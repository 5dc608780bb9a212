package dev.almanac.conflicts.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * How the detection window of rule occurrences moves (ADR 0069).
 *
 * @param horizonCheckInterval how often the wall clock is read to move the horizon on; it moves a whole hour at a time
 * @param clock                the wall clock: the first rule event sets the window from it, and the checks move it
 */
public record RuleSettings(Duration horizonCheckInterval, Clock clock) {

    public static final Duration DEFAULT_HORIZON_CHECK_INTERVAL = Duration.ofMinutes(10);

    public RuleSettings {
        if (horizonCheckInterval.isNegative() || horizonCheckInterval.isZero()) {
            throw new IllegalArgumentException("the horizon check interval must be positive: " + horizonCheckInterval);
        }
    }
}
