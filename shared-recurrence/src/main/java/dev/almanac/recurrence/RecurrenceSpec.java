package dev.almanac.recurrence;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;

/**
 * What expansion needs to know of a rule: its schedule (a cron expression or an RRULE) read as
 * wall-clock time in {@code zone}, the DST policy for times that do not exist or happen twice there,
 * how long each occurrence lasts, and the most seconds ({@code 0..3600}) by which a deterministic
 * jitter may delay each start.
 */
public record RecurrenceSpec(
        RuleId ruleId,
        Schedule schedule,
        ZoneId zone,
        DstPolicy dstPolicy,
        Duration duration,
        int jitterSeconds) {

    public static final int MAX_JITTER_SECONDS = 3600;

    public RecurrenceSpec {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dstPolicy, "dstPolicy");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative but was " + duration);
        }
        if (jitterSeconds < 0 || jitterSeconds > MAX_JITTER_SECONDS) {
            throw new IllegalArgumentException("jitter seconds must be between 0 and " + MAX_JITTER_SECONDS + " but was " + jitterSeconds);
        }
    }

    /**
     * The spec of a newly created rule, whose cron is a 5-field UNIX expression.
     *
     * @throws InvalidCronException if the rule's cron is not valid
     */
    public static RecurrenceSpec of(RuleCreated rule) {
        return new RecurrenceSpec(
                rule.ruleId(),
                CronExpression.parse(rule.cron()),
                rule.timezone(),
                rule.dstPolicy(),
                Duration.ofSeconds(rule.durationSeconds()),
                rule.options().jitterSeconds());
    }

    /**
     * The schedule as a cron expression.
     *
     * @throws IllegalStateException if the schedule is an RRULE
     */
    public CronExpression cron() {
        if (schedule instanceof CronExpression cron) {
            return cron;
        }
        throw new IllegalStateException("rule " + ruleId + " is scheduled by an RRULE, not a cron expression");
    }
}
