package dev.almanac.events.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ResourceBooking;

/**
 * A change to a rule, as a structured patch. An {@code UPDATE} names only the parts of the
 * definition it replaces; every part left null stays as it is. A new schedule is {@code cron} (in
 * {@code cronDialect}; null is unix) or {@code rrule}, never both, and it replaces the old one
 * whatever kind that was. A {@code PAUSE} carries at most {@code resumeAfter}; a {@code RESUME}
 * carries nothing. A natural-language instruction is read into exactly this shape, so a client that
 * sends the patch an instruction was read as proposes the same change. {@code resources}, when given,
 * replaces the whole list of resources each occurrence books (empty: none); null keeps it (ADR 0029).
 */
public record RuleChange(
        RuleChangeAction action,
        @Nullable String cron,
        @Nullable CronSyntax cronDialect,
        @Nullable RecurrenceRule rrule,
        @Nullable ZoneId timezone,
        @Nullable Long durationSeconds,
        @Nullable Integer jitterSeconds,
        @Nullable DstPolicy dstPolicy,
        @Nullable Instant resumeAfter,
        @Nullable List<ResourceBooking> resources) {

    public RuleChange {
        resources = resources == null ? null : List.copyOf(resources);
    }

    /** A change that keeps the rule's resources. */
    public RuleChange(RuleChangeAction action, @Nullable String cron, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule,
                      @Nullable ZoneId timezone, @Nullable Long durationSeconds, @Nullable Integer jitterSeconds,
                      @Nullable DstPolicy dstPolicy, @Nullable Instant resumeAfter) {
        this(action, cron, cronDialect, rrule, timezone, durationSeconds, jitterSeconds, dstPolicy, resumeAfter, null);
    }

    public static RuleChange pause(@Nullable Instant resumeAfter) {
        return new RuleChange(RuleChangeAction.PAUSE, null, null, null, null, null, null, null, resumeAfter);
    }

    public static RuleChange resume() {
        return new RuleChange(RuleChangeAction.RESUME, null, null, null, null, null, null, null, null);
    }

    /** A new schedule given as a cron expression in {@code dialect} (null: unix), optionally read in a new zone. */
    public static RuleChange cron(String cron, @Nullable CronSyntax dialect, @Nullable ZoneId timezone) {
        return new RuleChange(RuleChangeAction.UPDATE, cron, dialect, null, timezone, null, null, null, null);
    }

    /** A new schedule given as an RFC 5545 recurrence, optionally read in a new zone. */
    public static RuleChange rrule(RecurrenceRule rrule, @Nullable ZoneId timezone) {
        return new RuleChange(RuleChangeAction.UPDATE, null, null, rrule, timezone, null, null, null, null);
    }

    /** Whether the change gives the rule a new schedule. */
    public boolean replacesSchedule() {
        return cron != null || rrule != null;
    }
}
