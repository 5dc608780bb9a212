package dev.almanac.rules.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.CronExpression;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * What rule-expander keeps of a rule: enough to rebuild its {@link RecurrenceSpec}, and what each
 * occurrence carries besides its times (title, job type, calendar). Occurrences never start
 * before {@code activeFrom}.
 */
public record RuleDefinition(
        RuleId ruleId,
        String name,
        String cron,
        ZoneId timezone,
        CalendarId calendarId,
        long durationSeconds,
        Instant activeFrom,
        DstPolicy dstPolicy,
        int jitterSeconds,
        String jobType) {

    public static RuleDefinition of(RuleCreated rule) {
        return new RuleDefinition(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(),
                rule.durationSeconds(), rule.activeFrom(), rule.dstPolicy(), rule.options().jitterSeconds(),
                rule.jobTemplate().type());
    }

    /**
     * The spec the shared expansion engine works from; the same as {@code RecurrenceSpec.of} gives
     * for the creating event, rebuilt here from stored state.
     *
     * @throws dev.almanac.recurrence.InvalidCronException if the cron cannot be parsed or never fires
     * @throws IllegalArgumentException if the duration or the jitter is out of range
     */
    public RecurrenceSpec spec() {
        return new RecurrenceSpec(ruleId, CronExpression.parse(cron), timezone, dstPolicy,
                Duration.ofSeconds(durationSeconds), jitterSeconds);
    }
}
