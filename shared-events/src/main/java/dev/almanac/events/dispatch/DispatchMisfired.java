package dev.almanac.events.dispatch;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleId;

/**
 * The dispatcher reached {@code occurrences} occurrences of a rule that start in
 * {@code [startsFrom, startsUntil)} more than {@code misfireThresholdSeconds} after their start (it
 * was down or behind) and did not dispatch them: running them that late could overlap the runs that
 * follow, and nothing should burst after an outage. Each is then found missed by rule-expander's
 * missed-run check, whose record shows it in the views, and the rule's catch-up policy decides
 * whether one runs again. Detected at {@code detectedAt}; the count stops at 1,000.
 */
public record DispatchMisfired(
        RuleId ruleId,
        CalendarId calendarId,
        long ruleVersion,
        Instant startsFrom,
        Instant startsUntil,
        int occurrences,
        long misfireThresholdSeconds,
        Instant detectedAt) implements DispatchEvent {

    public static final int MAX_COUNTED = 1_000;

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    /** The rule; its version on this topic is {@code startsUntil} in epoch milliseconds, which only grows. */
    @Override
    public String subject() {
        return ruleId.value();
    }
}
