package dev.almanac.events.rule;

import org.jspecify.annotations.Nullable;

/**
 * How a rule's occurrences run. {@code jitterSeconds} spreads them by a deterministic offset
 * (a hash of the rule and the occurrence time, never a random number), so a replay gives the
 * same instants. {@code catchup} is F033-RULE-OPTIONS' switch; {@code catchupPolicy}, when given, says
 * which missed occurrences run again ({@link #catchupRule()}); absent on every rule written before
 * it, where {@code catchup} alone decides. The dispatcher enforces the rest from run reports (ADR
 * 0070): at most {@code maxConcurrent} runs in flight, and what happens beyond ({@code concurrencyPolicy});
 * a failed or timed-out run tried again after a backoff ({@code retryPolicy}, {@code retryLimit} more
 * attempts, the first {@code retryBackoffSeconds} after it). Each is absent on rules written before it.
 * {@code heartbeat}, when present, makes the rule a heartbeat: its occurrences are beats that a system running by
 * itself reports, never dispatched (ADR 0073).
 */
public record RuleOptions(
        @Nullable Integer maxConcurrent,
        int jitterSeconds,
        RetryPolicy retryPolicy,
        boolean catchup,
        @Nullable Integer maxHistory,
        @Nullable CatchupPolicy catchupPolicy,
        @Nullable Integer retryLimit,
        @Nullable Integer retryBackoffSeconds,
        @Nullable ConcurrencyPolicy concurrencyPolicy,
        @Nullable Heartbeat heartbeat) {

    public static final RuleOptions DEFAULT = new RuleOptions(null, 0, RetryPolicy.NONE, false, null);
    /** Retries of a failed run when the rule names no limit. */
    public static final int DEFAULT_RETRY_LIMIT = 3;
    /** The first retry's backoff when the rule names none. */
    public static final int DEFAULT_RETRY_BACKOFF_SECONDS = 30;
    /** No backoff grows beyond an hour. */
    public static final int LONGEST_RETRY_BACKOFF_SECONDS = 3600;

    /** Options without a catch-up policy of their own: {@code catchup} decides. */
    public RuleOptions(@Nullable Integer maxConcurrent, int jitterSeconds, RetryPolicy retryPolicy, boolean catchup,
                       @Nullable Integer maxHistory) {
        this(maxConcurrent, jitterSeconds, retryPolicy, catchup, maxHistory, null);
    }

    /** Options written before retries and concurrency were enforced: their defaults. */
    public RuleOptions(@Nullable Integer maxConcurrent, int jitterSeconds, RetryPolicy retryPolicy, boolean catchup,
                       @Nullable Integer maxHistory, @Nullable CatchupPolicy catchupPolicy) {
        this(maxConcurrent, jitterSeconds, retryPolicy, catchup, maxHistory, catchupPolicy, null, null, null);
    }

    /** Options written before heartbeats: a rule Almanac dispatches. */
    public RuleOptions(@Nullable Integer maxConcurrent, int jitterSeconds, RetryPolicy retryPolicy, boolean catchup,
                       @Nullable Integer maxHistory, @Nullable CatchupPolicy catchupPolicy, @Nullable Integer retryLimit,
                       @Nullable Integer retryBackoffSeconds, @Nullable ConcurrencyPolicy concurrencyPolicy) {
        this(maxConcurrent, jitterSeconds, retryPolicy, catchup, maxHistory, catchupPolicy, retryLimit, retryBackoffSeconds,
                concurrencyPolicy, null);
    }

    /**
     * Whether Almanac dispatches the rule's occurrences: not a heartbeat's, which a system that runs by itself reports.
     * Not named as a getter, so that no JSON mapper takes it for a property.
     */
    public boolean dispatched() {
        return heartbeat == null;
    }

    /** The same options with another jitter; everything else stays. */
    public RuleOptions withJitterSeconds(int newJitterSeconds) {
        return new RuleOptions(maxConcurrent, newJitterSeconds, retryPolicy, catchup, maxHistory, catchupPolicy, retryLimit,
                retryBackoffSeconds, concurrencyPolicy, heartbeat);
    }

    /** How many more attempts a failed or timed-out run gets: none without a retry policy. */
    public int retries() {
        if (retryPolicy == RetryPolicy.NONE) {
            return 0;
        }
        return retryLimit == null ? DEFAULT_RETRY_LIMIT : retryLimit;
    }

    /**
     * How long after attempt {@code failedAttempt} failed the next one is due: the backoff for a linear policy
     * grows by itself with each attempt, for an exponential one it doubles; never beyond an hour.
     */
    public long backoffSeconds(int failedAttempt) {
        long base = retryBackoffSeconds == null ? DEFAULT_RETRY_BACKOFF_SECONDS : retryBackoffSeconds;
        long backoff = retryPolicy == RetryPolicy.EXPONENTIAL
                ? base << Math.min(failedAttempt - 1, 20)
                : base * failedAttempt;
        return Math.min(backoff, LONGEST_RETRY_BACKOFF_SECONDS);
    }

    /** What an occurrence due beyond {@code maxConcurrent} becomes: skipped unless the rule says otherwise. */
    public ConcurrencyPolicy concurrencyRule() {
        return concurrencyPolicy == null ? ConcurrencyPolicy.SKIP : concurrencyPolicy;
    }

    /** The policy in force: {@code catchupPolicy} when given, otherwise {@code latest} with {@code catchup} and {@code none} without. */
    public CatchupPolicy catchupRule() {
        if (catchupPolicy != null) {
            return catchupPolicy;
        }
        return catchup ? CatchupPolicy.LATEST : CatchupPolicy.NONE;
    }
}
