package dev.almanac.commands.rule.change;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSchedule;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.rule.RuleStatus;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;

/** Rules as a change request meets them: a nightly cleanup at version 3, in New York unless a test says otherwise. */
final class RuleSnapshots {

    static final RuleId NIGHTLY = RuleId.of("rule-nightly");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final CalendarId OPS = CalendarId.of("cal-ops");
    static final Instant CREATED = Instant.parse("2026-11-01T12:00:00Z");

    private RuleSnapshots() {
    }

    static RuleSnapshot cron(String cron) {
        return active(schedule(cron, null), NEW_YORK, 0);
    }

    static RuleSnapshot cron(String cron, @Nullable CronSyntax dialect) {
        return active(schedule(cron, dialect), NEW_YORK, 0);
    }

    static RuleSnapshot cron(String cron, ZoneId zone) {
        return active(schedule(cron, null), zone, 0);
    }

    static RuleSnapshot rrule(String rrule, String dtstart, List<String> exdates, List<String> rdates) {
        return active(new RuleSchedule("", null, new RecurrenceRule(rrule, LocalDateTime.parse(dtstart),
                exdates.stream().map(LocalDateTime::parse).toList(), rdates.stream().map(LocalDateTime::parse).toList())), NEW_YORK, 0);
    }

    static RuleSnapshot active(RuleSchedule schedule, ZoneId zone, int jitterSeconds) {
        return new RuleSnapshot(NIGHTLY, 3, definition(schedule, zone, jitterSeconds), RuleStatus.ACTIVE, null, false);
    }

    static RuleSnapshot withJitter(String cron, int jitterSeconds) {
        return active(schedule(cron, null), NEW_YORK, jitterSeconds);
    }

    /** A rule created at {@code activeFrom}: rule-expander materialises only what resolves from then on. */
    static RuleSnapshot createdAt(String cron, int jitterSeconds, Instant activeFrom) {
        RuleDefinition definition = definition(schedule(cron, null), NEW_YORK, jitterSeconds);
        return new RuleSnapshot(NIGHTLY, 0, new RuleDefinition(definition.name(), definition.schedule(), definition.timezone(),
                definition.calendarId(), definition.durationSeconds(), definition.dstPolicy(), definition.jobTemplate(), definition.options(),
                definition.metadata(), definition.resources(), activeFrom), RuleStatus.ACTIVE, null, false);
    }

    static RuleSnapshot paused(String cron, @Nullable Instant resumeAfter) {
        return new RuleSnapshot(NIGHTLY, 3, definition(schedule(cron, null), NEW_YORK, 0), RuleStatus.PAUSED, resumeAfter, false);
    }

    static RuleSnapshot disabled(String cron) {
        return new RuleSnapshot(NIGHTLY, 3, definition(schedule(cron, null), NEW_YORK, 0), RuleStatus.DISABLED, null, false);
    }

    static RuleSnapshot deleted(String cron) {
        return new RuleSnapshot(NIGHTLY, 3, definition(schedule(cron, null), NEW_YORK, 0), RuleStatus.DISABLED, null, true);
    }

    static RuleSchedule schedule(String cron, @Nullable CronSyntax dialect) {
        return new RuleSchedule(cron, dialect, null);
    }

    static RuleDefinition definition(RuleSchedule schedule, ZoneId zone, int jitterSeconds) {
        return new RuleDefinition("Nightly cleanup", schedule, zone, OPS, 300, DstPolicy.DEFAULT,
                new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, null),
                new RuleOptions(null, jitterSeconds, RetryPolicy.NONE, false, null), RuleMetadata.NONE, List.of(), CREATED);
    }
}
