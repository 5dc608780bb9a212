package dev.almanac.dispatch.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RuleReminderRemoved;
import dev.almanac.events.rule.RuleReminderSet;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleUpdated;

/**
 * One rule's events with their envelopes, versions counted from 0 as command-service counts them: an object mother
 * for the dispatcher's tests. Each method returns the next event of the story.
 */
public final class RuleStory {

    public static final JobTemplate JOB = new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/hook"), 5, 30);

    private final RuleId ruleId;
    private long version = -1;
    private String cron;
    private ZoneId zone;
    private CalendarId calendar;
    private int jitterSeconds;
    private @Nullable CronSyntax dialect;
    private RuleOptions options = RuleOptions.DEFAULT;
    private JobTemplate job = JOB;

    private RuleStory(RuleId ruleId, String cron, ZoneId zone, CalendarId calendar) {
        this.ruleId = ruleId;
        this.cron = cron;
        this.zone = zone;
        this.calendar = calendar;
    }

    public static RuleStory of(String cron, CalendarId calendar) {
        return of(cron, ZoneOffset.UTC, calendar);
    }

    public static RuleStory of(String cron, ZoneId zone, CalendarId calendar) {
        return new RuleStory(RuleId.of("rule-" + UUID.randomUUID()), cron, zone, calendar);
    }

    /** A cron in another dialect: Spring's or Quartz's with seconds make rules that fire every few seconds. */
    public RuleStory dialect(CronSyntax dialect) {
        this.dialect = dialect;
        return this;
    }

    public RuleStory jitter(int seconds) {
        this.jitterSeconds = seconds;
        return this;
    }

    /** Options the dispatcher enforces; the jitter stays what {@link #jitter} set. */
    public RuleStory options(RuleOptions enforced) {
        this.options = enforced;
        return this;
    }

    public RuleStory job(JobTemplate template) {
        this.job = template;
        return this;
    }

    public RuleId ruleId() {
        return ruleId;
    }

    public CalendarId calendar() {
        return calendar;
    }

    public OccurrenceId occurrenceAt(Instant resolved) {
        return OccurrenceId.of(ruleId, resolved);
    }

    public Step created(Instant at) {
        return step(new RuleCreated(ruleId, "Rule " + ruleId, cron, zone, calendar, 60, at, DstPolicy.DEFAULT, job, options(),
                new RuleMetadata("ops", null, List.of()), dialect, null), at);
    }

    public Step updated(Instant at, String newCron, CalendarId newCalendar) {
        this.cron = newCron;
        this.calendar = newCalendar;
        return step(new RuleUpdated(ruleId, at, "Rule " + ruleId, cron, dialect, null, zone, calendar, 60, DstPolicy.DEFAULT, job, options(),
                new RuleMetadata("ops", null, List.of())), at);
    }

    public Step paused(Instant at, @Nullable Instant resumeAfter) {
        return step(new RulePaused(ruleId, at, resumeAfter, "maintenance"), at);
    }

    public Step resumed(Instant at) {
        return step(new RuleResumed(ruleId, at), at);
    }

    public Step disabled(Instant at) {
        return step(new RuleDisabled(ruleId, at, "off"), at);
    }

    public Step deleted(Instant at) {
        return step(new RuleDeleted(ruleId, at), at);
    }

    public Step ended(Instant at, Instant endsAt) {
        return step(new RuleEnded(ruleId, endsAt, at, null), at);
    }

    public Step moved(Instant at, Instant recurrenceId, Instant newStart) {
        return step(new RuleOccurrenceMoved(ruleId, occurrenceAt(recurrenceId), recurrenceId, newStart, at, "moved"), at);
    }

    public Step cancelled(Instant at, Instant recurrenceId) {
        return step(new RuleOccurrenceCancelled(ruleId, occurrenceAt(recurrenceId), recurrenceId, at, "cancelled"), at);
    }

    /** An operator approves a backfill run of the missed occurrence at {@code recurrenceId}, starting {@code at}. */
    public Step backfillApproved(Instant at, Instant recurrenceId) {
        OccurrenceId missed = occurrenceAt(recurrenceId);
        return step(new RuleMissedRunDecided(ruleId, missed, recurrenceId, recurrenceId, MissedRunAction.APPROVE_BACKFILL_RUN, at,
                OccurrenceId.backfillOf(missed, recurrenceId), at, "approved"), at);
    }

    /** Someone asks the rule to run at once, at {@code at}: a run of its own, named by the event's version. */
    public Step runNow(Instant at) {
        return step(new RuleRunRequested(ruleId, OccurrenceId.runNowOf(ruleId, version + 1), at, "by hand"), at);
    }

    /** {@code user} asks to be reminded {@code minutes} minutes before each occurrence, in {@code userZone} (ADR 0079). */
    public Step reminderSet(Instant at, String reminderId, String user, int minutes, ZoneId userZone) {
        return step(new RuleReminderSet(ruleId, ReminderId.of(reminderId), UserId.of(user), minutes, userZone), at);
    }

    public Step reminderRemoved(Instant at, String reminderId, String user) {
        return step(new RuleReminderRemoved(ruleId, ReminderId.of(reminderId), UserId.of(user)), at);
    }

    private RuleOptions options() {
        return new RuleOptions(options.maxConcurrent(), jitterSeconds, options.retryPolicy(), options.catchup(), options.maxHistory(),
                options.catchupPolicy(), options.retryLimit(), options.retryBackoffSeconds(), options.concurrencyPolicy(),
                options.heartbeat());
    }

    private Step step(RuleEvent event, Instant at) {
        version++;
        return new Step(event, envelope(event, version, at));
    }

    public static EventMetadata envelope(AlmanacEvent event, long version, Instant at) {
        return new EventMetadata("evt-" + UUID.randomUUID(), EventCatalog.of(event).ceType(), "/almanac/command-service", at,
                event.subject(), version, "planner@example.com", "corr-" + UUID.randomUUID(), null);
    }

    /** An event and its envelope. */
    public record Step(RuleEvent event, EventMetadata envelope) {
    }
}
