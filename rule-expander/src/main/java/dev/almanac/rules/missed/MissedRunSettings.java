package dev.almanac.rules.missed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The missed-run check (ADR 0023).
 *
 * @param grace          how long after its start an occurrence may go without a run report before it is missed
 * @param checkInterval  the pause between two checks
 * @param maxRulesPerPass the most rules one check takes on, the least checked first
 * @param catchUpWindow  how far back a rule's catch-up policy reaches: a missed occurrence that started longer ago than this is never run again by itself
 * @param maxCatchUpRuns the most runs a rule's catch-up starts in one check, the latest missed first: no downtime ends in a burst larger than this
 */
@ConfigurationProperties("almanac.rules.missed")
public record MissedRunSettings(
        @DefaultValue("PT5M") Duration grace,
        @DefaultValue("PT1M") Duration checkInterval,
        @DefaultValue("500") int maxRulesPerPass,
        @DefaultValue("PT24H") Duration catchUpWindow,
        @DefaultValue("10") int maxCatchUpRuns) {

    public MissedRunSettings {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("almanac.rules.missed.grace must not be negative but was " + grace);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("almanac.rules.missed.check-interval must be a positive duration but was " + checkInterval);
        }
        if (catchUpWindow.isNegative()) {
            throw new IllegalArgumentException("almanac.rules.missed.catch-up-window must not be negative but was " + catchUpWindow);
        }
        if (maxRulesPerPass < 1) {
            throw new IllegalArgumentException("almanac.rules.missed.max-rules-per-pass must be positive but was " + maxRulesPerPass);
        }
        if (maxCatchUpRuns < 0) {
            throw new IllegalArgumentException("almanac.rules.missed.max-catch-up-runs must not be negative but was " + maxCatchUpRuns);
        }
    }
}
