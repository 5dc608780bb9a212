package dev.almanac.query.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Tzdata;

/** Recurring rules and the occurrences rule-expander would materialise for them, built the way it builds them. */
public final class RecurringRules {

    /** How long each occurrence of a {@link #rule} lasts. */
    public static final Duration LENGTH = Duration.ofMinutes(5);

    private RecurringRules() {
    }

    /** A rule of {@code cron} in {@code zone} on {@code calendarId}, 5 minutes long, with that jitter, active from {@code activeFrom}. */
    public static RuleCreated rule(String id, String calendarId, String cron, ZoneId zone, Instant activeFrom, int jitterSeconds) {
        return new RuleCreated(RuleId.of(id), "Rule " + id, cron, zone, CalendarId.of(calendarId), LENGTH.toSeconds(), activeFrom, DstPolicy.DEFAULT,
                new JobTemplate("job-" + id, Map.of("action", "run"), 5, 600),
                new RuleOptions(1, jitterSeconds, RetryPolicy.EXPONENTIAL, false, 100),
                new RuleMetadata("team", "A rule for tests", List.of()));
    }

    /**
     * A heartbeat as command-service writes one (ADR 0073): the RRULE of its beats every {@code intervalSeconds} from
     * {@code activeFrom} in {@code zone}, in elapsed time, each beat as long as the interval, reported within a minute.
     */
    public static RuleCreated heartbeat(String id, String calendarId, ZoneId zone, Instant activeFrom, int intervalSeconds) {
        Heartbeat heartbeat = new Heartbeat(intervalSeconds, 60);
        return new RuleCreated(RuleId.of(id), "Heartbeat " + id, "", zone, CalendarId.of(calendarId), intervalSeconds, activeFrom,
                Heartbeat.BEATS, new JobTemplate("billing-sync", Map.of(), null, null),
                new RuleOptions(null, 0, RetryPolicy.NONE, false, null, null, null, null, null, heartbeat),
                new RuleMetadata("billing-team", null, List.of()), null, heartbeat.beatsFrom(activeFrom, zone),
                List.of());
    }

    /** The rule with jobs of {@code type}, as many rules share a few types. */
    public static RuleCreated ofType(RuleCreated rule, String type) {
        JobTemplate template = rule.jobTemplate();
        return new RuleCreated(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), new JobTemplate(type, template.payload(), template.priority(), template.timeoutSeconds()),
                rule.options(), rule.metadata(), rule.cronDialect(), rule.rrule(), rule.resources());
    }

    /** The rule lasting {@code length} a run and booking {@code resources} for each occurrence (ADR 0029). */
    public static RuleCreated booking(RuleCreated rule, Duration length, List<ResourceBooking> resources) {
        return new RuleCreated(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(), length.toSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), rule.cronDialect(), rule.rrule(),
                resources);
    }

    /**
     * The backfill run an operator approved for {@code missed}, starting at {@code start}: a record rule-expander publishes
     * without the rule-derived header, which query-service stores as an entry of its own.
     */
    public static OccurrenceMaterialized backfillRun(OccurrenceMaterialized missed, Instant start) {
        return new OccurrenceMaterialized(OccurrenceId.backfillOf(missed.occurrenceId(), missed.start()), missed.ruleId(),
                missed.ruleVersion(), missed.calendarId(), missed.title(), missed.type(), missed.resolvedAt(), start,
                start.plus(Duration.between(missed.start(), missed.end())), missed.timezone(), missed.nominalLocalTime(),
                missed.dstPolicy(), missed.dstResolution(), missed.tzdataVersion(), null, missed.occurrenceId(), missed.resources());
    }

    /**
     * What one rule-expander pass publishes for the rule at {@code ruleVersion}: every occurrence
     * resolving in {@code [from, until)}, in order, as {@code OccurrenceEvents.event} builds them.
     */
    public static List<OccurrenceMaterialized> materialised(RuleCreated rule, long ruleVersion, Instant from, Instant until) {
        RecurrenceSpec spec = RecurrenceSpec.of(rule);
        return RecurrenceExpander.expand(spec, from, until, 10_000_000).occurrences().stream()
                .map(occurrence -> new OccurrenceMaterialized(occurrence.id(), rule.ruleId(), ruleVersion, rule.calendarId(), rule.name(),
                        rule.jobTemplate().type(), occurrence.resolvedInstant(), occurrence.start(), occurrence.end(), occurrence.zone(),
                        occurrence.nominalLocalTime(), rule.dstPolicy(), occurrence.dstResolution(), Tzdata.version(rule.timezone())))
                .toList();
    }
}
