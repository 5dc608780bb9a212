package dev.almanac.dispatch.due;

import java.time.Duration;

/**
 * How the dispatcher treats time (ADR 0070).
 *
 * @param misfireThreshold how late a scheduled occurrence may still be dispatched; one reached later is not dispatched
 *                         and is left to rule-expander's missed-run check, whose grace must be longer
 * @param retroWindow      how far behind its clock the dispatcher compares a rule's occurrences before and after one of
 *                         its events, so that an event that arrives after an occurrence it changes neither loses nor
 *                         doubles a dispatch; an event later than this is taken as it stands
 * @param guardRetention   how long an occurrence dispatched and then moved later is remembered, so that it is not
 *                         dispatched again where it was moved to
 * @param doneRetention    how long a run dispatched outside its rule's series (catch-up, backfill, run now) is
 *                         remembered, so that the same request published twice is dispatched once
 * @param searchLimit      how far ahead the next start of a rule is looked for at once; a rule with none in reach is
 *                         looked at again when the limit passes
 */
public record DispatchSettings(Duration misfireThreshold, Duration retroWindow, Duration guardRetention, Duration doneRetention,
                               Duration searchLimit) {

    public static final DispatchSettings DEFAULT = new DispatchSettings(Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofDays(400), Duration.ofDays(3), Duration.ofDays(400));

    public DispatchSettings {
        for (Duration duration : new Duration[] {misfireThreshold, retroWindow, guardRetention, doneRetention, searchLimit}) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("dispatch settings must not be negative: " + duration);
            }
        }
        if (searchLimit.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the search limit must be at least a day, so a daily rule is found at once");
        }
    }
}
