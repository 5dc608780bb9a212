package dev.almanac.conflicts.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * How the detection window of rule occurrences moves (ADR 0069).
 *
 * @param horizonCheckInterval the longest wait between reads of the wall clock to move the horizon on; it moves a whole
 *                             hour at a time, and is read at each whole hour (ADR 0098)
 * @param clock                the wall clock: the first rule event sets the window from it, and the checks move it
 */
public record RuleSettings(Duration horizonCheckInterval, Clock clock) {

    public static final Duration DEFAULT_HORIZON_CHECK_INTERVAL = Duration.ofHours(1);

    public RuleSettings {
        if (horizonCheckInterval.isNegative() || horizonCheckInterval.isZero()) {
            throw new IllegalArgumentException("the horizon check interval must be positive: " + horizonCheckInterval);
        }
    }
}
