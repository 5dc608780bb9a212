package dev.almanac.events.rule;

import org.jspecify.annotations.Nullable;

/**
 * How a rule's occurrences run. {@code jitterSeconds} spreads them by a deterministic offset
 * (a hash of the rule and the occurrence time, never a random number), so a replay gives the
 * same instants.
 */
public record RuleOptions(
        @Nullable Integer maxConcurrent,
        int jitterSeconds,
        RetryPolicy retryPolicy,
        boolean catchup,
        @Nullable Integer maxHistory) {

    public static final RuleOptions DEFAULT = new RuleOptions(null, 0, RetryPolicy.NONE, false, null);
}
