package dev.almanac.rules.materialisation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far ahead rules are materialised and how much work one pass may do.
 *
 * @param horizon                 occurrences are published up to this far past now (architecture default: 90 days)
 * @param horizonAdvanceInterval  the pause between two horizon-advance passes
 * @param maxOccurrencesPerPass   the most occurrences one pass publishes for one rule; the rest follows on later passes
 * @param maxRulesPerPass         the most rules one horizon-advance pass takes on, the furthest behind first
 * @param handlingTimeout         the longest one rule's pass (store, publish, acknowledge, record) may take
 */
@ConfigurationProperties("almanac.rules")
public record MaterialisationSettings(
        @DefaultValue("P90D") Duration horizon,
        @DefaultValue("PT1M") Duration horizonAdvanceInterval,
        @DefaultValue("5000") int maxOccurrencesPerPass,
        @DefaultValue("500") int maxRulesPerPass,
        @DefaultValue("PT60S") Duration handlingTimeout) {

    public MaterialisationSettings {
        requirePositive(horizon, "almanac.rules.horizon");
        requirePositive(horizonAdvanceInterval, "almanac.rules.horizon-advance-interval");
        requirePositive(handlingTimeout, "almanac.rules.handling-timeout");
        if (maxOccurrencesPerPass < 1) {
            throw new IllegalArgumentException("almanac.rules.max-occurrences-per-pass must be positive but was " + maxOccurrencesPerPass);
        }
        if (maxRulesPerPass < 1) {
            throw new IllegalArgumentException("almanac.rules.max-rules-per-pass must be positive but was " + maxRulesPerPass);
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration but was " + duration);
        }
    }
}
