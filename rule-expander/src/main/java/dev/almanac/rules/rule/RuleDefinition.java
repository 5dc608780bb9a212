package dev.almanac.rules.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.CatchupPolicy;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * What rule-expander keeps of a rule: enough to rebuild its {@link RecurrenceSpec}, and what each
 * occurrence carries besides its times (title, job type, calendar). The schedule is kept as the
 * events carry it ({@code cron} in {@code cronDialect}, or {@code rrule} and an empty cron) and
 * read by {@link RecurrenceSpec#schedule}, the one mapping every service uses. Occurrences never
 * start before {@code activeFrom}. {@code catchup} says which of its missed occurrences run again at once.
 * {@code resources} are what each occurrence books (ADR 0029). {@code heartbeat}, when present, makes its occurrences
 * beats that a system reports by itself, missed after that heartbeat's grace (ADR 0073).
 */
public record RuleDefinition(
        RuleId ruleId,
        String name,
        String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable RecurrenceRule rrule,
        ZoneId timezone,
        CalendarId calendarId,
        long durationSeconds,
        Instant activeFrom,
        DstPolicy dstPolicy,
        int jitterSeconds,
        String jobType,
        CatchupPolicy catchup,
        List<ResourceBooking> resources,
        @Nullable Heartbeat heartbeat) {

    public RuleDefinition {
        resources = List.copyOf(resources);
    }

    /** A rule Almanac dispatches. */
    public RuleDefinition(RuleId ruleId, String name, String cron, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule,
                          ZoneId timezone, CalendarId calendarId, long durationSeconds, Instant activeFrom, DstPolicy dstPolicy,
                          int jitterSeconds, String jobType, CatchupPolicy catchup, List<ResourceBooking> resources) {
        this(ruleId, name, cron, cronDialect, rrule, timezone, calendarId, durationSeconds, activeFrom, dstPolicy, jitterSeconds, jobType,
                catchup, resources, null);
    }

    public static RuleDefinition of(RuleCreated rule) {
        return new RuleDefinition(rule.ruleId(), rule.name(), rule.cron(), rule.cronDialect(), rule.rrule(), rule.timezone(),
                rule.calendarId(),
                rule.durationSeconds(), rule.activeFrom(), rule.dstPolicy(), rule.options().jitterSeconds(),
                rule.jobTemplate().type(), rule.options().catchupRule(), rule.resources(), rule.options().heartbeat());
    }

    /** The definition an update gives the rule; its id and {@code activeFrom} stay. */
    public RuleDefinition updatedBy(RuleUpdated update) {
        return new RuleDefinition(ruleId, update.name(), update.cron(), update.cronDialect(), update.rrule(), update.timezone(),
                update.calendarId(), update.durationSeconds(), activeFrom, update.dstPolicy(), update.options().jitterSeconds(),
                update.jobTemplate().type(), update.options().catchupRule(), update.resources(), update.options().heartbeat());
    }

    /**
     * The spec the shared expansion engine works from; the same as {@code RecurrenceSpec.of} gives
     * for the creating event, rebuilt here from stored state.
     *
     * @throws dev.almanac.recurrence.InvalidScheduleException if the schedule cannot be read or never fires
     * @throws IllegalArgumentException if the duration or the jitter is out of range
     */
    public RecurrenceSpec spec() {
        return new RecurrenceSpec(ruleId, RecurrenceSpec.schedule(cron, cronDialect, rrule), timezone, dstPolicy,
                Duration.ofSeconds(durationSeconds), jitterSeconds);
    }
}
