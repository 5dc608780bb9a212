package dev.almanac.executor.settings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.RuleId;

/**
 * The executor's own liveness as a heartbeat rule ({@code almanac.executor.heartbeat.*}, ADR 0073): with a rule id, it
 * reports a run of that rule every {@code every}, so that the rule's beats go missed once it stops. Off without one.
 *
 * @param ruleId     the heartbeat rule the executor reports as its system; blank for none
 * @param calendarId the rule's calendar (its queue), which each report names and is keyed by; required with a rule id
 * @param every      how often it reports, the first at start-up; at most the rule's interval, or beats go missed
 */
@ConfigurationProperties("almanac.executor.heartbeat")
public record HeartbeatSettings(
        @Nullable String ruleId,
        @Nullable String calendarId,
        @DefaultValue("PT1M") Duration every) {

    public HeartbeatSettings {
        ruleId = blankAsNone(ruleId);
        calendarId = blankAsNone(calendarId);
        if (ruleId != null) {
            RuleId.of(ruleId);
            if (calendarId == null) {
                throw new IllegalArgumentException("almanac.executor.heartbeat.calendar-id (ALMANAC_EXECUTOR_HEARTBEAT_CALENDAR_ID) must be"
                        + " set with a rule id: each report names the calendar of rule " + ruleId);
            }
            CalendarId.of(calendarId);
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("almanac.executor.heartbeat.every must be positive, but was " + every);
        }
    }

    /** Whether the executor reports its liveness at all. */
    public boolean enabled() {
        return ruleId != null;
    }

    /**
     * @throws IllegalStateException when the heartbeat is off
     */
    public RuleId rule() {
        if (ruleId == null) {
            throw new IllegalStateException("the executor's heartbeat is off: almanac.executor.heartbeat.rule-id is not set");
        }
        return RuleId.of(ruleId);
    }

    /**
     * @throws IllegalStateException when the heartbeat is off
     */
    public CalendarId calendar() {
        if (calendarId == null) {
            throw new IllegalStateException("the executor's heartbeat is off: almanac.executor.heartbeat.rule-id is not set");
        }
        return CalendarId.of(calendarId);
    }

    private static @Nullable String blankAsNone(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
