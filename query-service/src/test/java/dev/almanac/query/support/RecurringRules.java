package dev.almanac.query.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
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
