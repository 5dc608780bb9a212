package dev.almanac.events.rule;

import org.jspecify.annotations.Nullable;

/**
 * How a rule's occurrences run. {@code jitterSeconds} spreads them by a deterministic offset
 * (a hash of the rule and the occurrence time, never a random number), so a replay gives the
 * same instants. {@code catchup} is F033-RULE-OPTIONS' switch; {@code catchupPolicy}, when given, says
 * which missed occurrences run again ({@link #catchupRule()}); absent on every rule written before
 * it, where {@code catchup} alone decides.
 */
public record RuleOptions(
        @Nullable Integer maxConcurrent,
        int jitterSeconds,
        RetryPolicy retryPolicy,
        boolean catchup,
        @Nullable Integer maxHistory,
        @Nullable CatchupPolicy catchupPolicy) {

    public static final RuleOptions DEFAULT = new RuleOptions(null, 0, RetryPolicy.NONE, false, null);

    /** Options without a catch-up policy of their own: {@code catchup} decides. */
    public RuleOptions(@Nullable Integer maxConcurrent, int jitterSeconds, RetryPolicy retryPolicy, boolean catchup,
                       @Nullable Integer maxHistory) {
        this(maxConcurrent, jitterSeconds, retryPolicy, catchup, maxHistory, null);
    }

    /** The policy in force: {@code catchupPolicy} when given, otherwise {@code latest} with {@code catchup} and {@code none} without. */
    public CatchupPolicy catchupRule() {
        if (catchupPolicy != null) {
            return catchupPolicy;
        }
        return catchup ? CatchupPolicy.LATEST : CatchupPolicy.NONE;
    }
}
