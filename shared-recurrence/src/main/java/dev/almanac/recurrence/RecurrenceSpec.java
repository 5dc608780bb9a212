package dev.almanac.recurrence;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;

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
     * The spec of a newly created rule: its RRULE if it has one, otherwise its cron in its dialect.
     * Every service reads a rule's events through this mapping, so they all expand it alike.
     *
     * @throws InvalidScheduleException if the rule's schedule is not valid or never fires
     */
    public static RecurrenceSpec of(RuleCreated rule) {
        return of(rule.ruleId(), rule.cron(), rule.cronDialect(), rule.rrule(), rule.timezone(), rule.dstPolicy(),
                rule.durationSeconds(), rule.options());
    }

    /**
     * The spec of a rule from its update on, read exactly as {@link #of(RuleCreated)} reads a creation.
     *
     * @throws InvalidScheduleException if the rule's new schedule is not valid or never fires
     */
    public static RecurrenceSpec of(RuleUpdated rule) {
        return of(rule.ruleId(), rule.cron(), rule.cronDialect(), rule.rrule(), rule.timezone(), rule.dstPolicy(),
                rule.durationSeconds(), rule.options());
    }

    private static RecurrenceSpec of(RuleId ruleId, String cron, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule,
                                     ZoneId zone, DstPolicy dstPolicy, long durationSeconds, RuleOptions options) {
        return new RecurrenceSpec(ruleId, schedule(cron, cronDialect, rrule), zone, dstPolicy, Duration.ofSeconds(durationSeconds),
                options.jitterSeconds());
    }

    /**
     * The schedule a rule's events describe: {@code rrule} when present, otherwise {@code cron} in
     * {@code cronDialect} (absent: UNIX). A service that stores these three fields rebuilds the
     * schedule with this, exactly as {@link #of(RuleCreated)} built it.
     *
     * @throws InvalidScheduleException if the schedule is not valid or never fires
     */
    public static Schedule schedule(String cron, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule) {
        if (rrule != null) {
            return RRuleSchedule.of(rrule.rrule(), rrule.dtstart(), rrule.exdates(), rrule.rdates());
        }
        return CronExpression.parse(dialect(cronDialect), cron);
    }

    /** The engine's dialect for the one an event names; absent is UNIX. */
    public static CronDialect dialect(@Nullable CronSyntax syntax) {
        return syntax == null ? CronDialect.UNIX : CronDialect.valueOf(syntax.name());
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
