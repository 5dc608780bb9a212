package dev.almanac.conflicts.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;

/** Rules as command-service writes them, for tests: a cron in a zone, a duration, a calendar and what each occurrence books. */
public final class Rules {

    private static final JobTemplate JOB = new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, 600);
    private static final RuleOptions OPTIONS = new RuleOptions(1, 0, RetryPolicy.EXPONENTIAL, false, 100);
    private static final RuleMetadata METADATA = new RuleMetadata("platform-team", "A rule of the tests", List.of("ops"));

    private Rules() {
    }

    public static RuleCreated created(RuleId ruleId, String name, String cron, ZoneId zone, CalendarId calendarId, Duration duration,
                                      Instant activeFrom, List<ResourceBooking> resources) {
        return new RuleCreated(ruleId, name, cron, zone, calendarId, duration.toSeconds(), activeFrom, DstPolicy.DEFAULT, JOB, OPTIONS,
                METADATA, null, null, resources);
    }

    public static RuleCreated created(RuleId ruleId, String name, String cron, ZoneId zone, CalendarId calendarId, Duration duration,
                                      Instant activeFrom) {
        return created(ruleId, name, cron, zone, calendarId, duration, activeFrom, List.of());
    }

    /** {@code created}'s definition from {@code updatedAt} on, with the given schedule, calendar, title and resources. */
    public static RuleUpdated updated(RuleCreated created, Instant updatedAt, String name, String cron, CalendarId calendarId,
                                      Duration duration, List<ResourceBooking> resources) {
        return new RuleUpdated(created.ruleId(), updatedAt, name, cron, null, null, created.timezone(), calendarId, duration.toSeconds(),
                created.dstPolicy(), created.jobTemplate(), created.options(), created.metadata(), resources);
    }
}
