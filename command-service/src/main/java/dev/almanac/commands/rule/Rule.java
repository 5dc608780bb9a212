package dev.almanac.commands.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.platform.identity.Caller;

/**
 * A recurring rule. Its occurrences are materialised by rule-expander from the events. A pause
 * with {@code resume_after} ends by itself when that instant passes: no event marks it, so every
 * service reads "paused" as "paused and {@code resume_after} not yet reached", this one too.
 */
@Aggregate
public class Rule {

    @AggregateIdentifier
    private String storeId;
    private RuleId ruleId;
    private RecurrenceSpec spec;
    private RuleDefinition definition;
    private RuleStatus status;
    /** Deleted for good; its status reads disabled, as seed 000 names a rule that no longer runs. */
    private boolean deleted;
    private @Nullable Instant pausedAt;
    private @Nullable Instant resumeAfter;
    /** The emergency pause-all that paused this rule, if one did; only its undo resumes it by that emergency. */
    private @Nullable String emergencyPauseId;
    private long version;

    protected Rule() {
        // For Axon, which rebuilds the rule from its events.
    }

    @CommandHandler
    public Rule(CreateRule command, Calendars calendars, RuleOwners owners, Caller caller) {
        rejectUnlessRunnable(command.schedule(), command.calendarId(), calendars, caller);
        owners.requirePlaceFor(command.ruleId(), caller.actor());
        apply(command.toEvent());
    }

    /** The definition is replaced from now on; a paused rule stays paused. */
    @CommandHandler
    public RuleChanged handle(UpdateRule command, Calendars calendars, Clock clock, Caller caller) {
        Instant now = now(clock);
        rejectIfDeleted("be updated");
        rejectUnlessRunnable(command.schedule(), command.calendarId(), calendars, caller);
        apply(command.toEvent(now));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(PauseRule command, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be paused");
        rejectIfDisabled("is disabled; a disabled rule cannot be paused");
        if (isPausedAt(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "paused",
                    "rule " + ruleId + " is already paused" + (resumeAfter == null ? "" : " until " + resumeAfter)
                            + "; resume it first");
        }
        if (command.resumeAfter() != null && !command.resumeAfter().isAfter(now)) {
            throw CommandRejectedException.invalid("resume_after", "future",
                    "resume_after " + command.resumeAfter() + " is not in the future; leave it out to pause until resumed");
        }
        apply(new RulePaused(ruleId, now, command.resumeAfter(), command.reason()));
        return changed(now);
    }

    /** @return whether this rule was paused now; false if it was not running */
    @CommandHandler
    public boolean handle(EmergencyPauseRule command, Clock clock) {
        Instant now = now(clock);
        if (deleted || status == RuleStatus.DISABLED || isPausedAt(now)) {
            return false;
        }
        apply(new RulePaused(ruleId, now, null, command.reason(), command.emergencyPauseId()));
        return true;
    }

    /** @return whether this rule was resumed now; false unless that emergency's pause still holds it */
    @CommandHandler
    public boolean handle(EmergencyResumeRule command, Clock clock) {
        Instant now = now(clock);
        if (!isPausedAt(now) || !command.emergencyPauseId().equals(emergencyPauseId)) {
            return false;
        }
        apply(new RuleResumed(ruleId, now));
        return true;
    }

    @CommandHandler
    public RuleChanged handle(DisableRule command, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be disabled");
        rejectIfDisabled("is already disabled; enable it first");
        apply(new RuleDisabled(ruleId, now, command.reason()));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(EnableRule command, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be enabled");
        if (status != RuleStatus.DISABLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_disabled",
                    "rule " + ruleId + " is not disabled; only a disabled rule can be enabled");
        }
        apply(new RuleEnabled(ruleId, now));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(ResumeRule command, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be resumed");
        rejectIfDisabled("is disabled, which a resume does not end; enable it instead");
        if (!isPausedAt(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_paused",
                    "rule " + ruleId + " is not paused" + (resumeAfter != null && status == RuleStatus.PAUSED
                            ? " (its pause ended at " + resumeAfter + ")" : "") + "; only a paused rule can be resumed");
        }
        apply(new RuleResumed(ruleId, now));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(DeleteRule command, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be deleted again");
        apply(new RuleDeleted(ruleId, now));
        return changed(now);
    }

    @EventSourcingHandler
    void on(RuleCreated created, DomainEventMessage<?> message) {
        storeId = StoreIds.rule(created.ruleId());
        ruleId = created.ruleId();
        spec = RecurrenceSpec.of(created);
        definition = RuleDefinition.of(created);
        status = RuleStatus.ACTIVE;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleUpdated updated, DomainEventMessage<?> message) {
        spec = RecurrenceSpec.of(updated);
        definition = definition.updatedBy(updated);
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RulePaused paused, DomainEventMessage<?> message) {
        status = RuleStatus.PAUSED;
        pausedAt = paused.pausedAt();
        resumeAfter = paused.resumeAfter();
        emergencyPauseId = paused.emergencyPauseId();
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleResumed resumed, DomainEventMessage<?> message) {
        status = RuleStatus.ACTIVE;
        pausedAt = null;
        resumeAfter = null;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleDisabled disabled, DomainEventMessage<?> message) {
        status = RuleStatus.DISABLED;
        pausedAt = null;
        resumeAfter = null;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleEnabled enabled, DomainEventMessage<?> message) {
        status = RuleStatus.ACTIVE;
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleDeleted deleted, DomainEventMessage<?> message) {
        this.deleted = true;
        status = RuleStatus.DISABLED;
        pausedAt = null;
        resumeAfter = null;
        version = message.getSequenceNumber();
    }

    /** The rule as it stands at {@code now}, for a change request to be shown and checked against. */
    public RuleSnapshot snapshot(Instant now) {
        boolean paused = isPausedAt(now);
        RuleStatus current = status == RuleStatus.PAUSED && !paused ? RuleStatus.ACTIVE : status;
        return new RuleSnapshot(ruleId, version, definition, current, paused ? resumeAfter : null, deleted);
    }

    /** A rule schedules on its queue calendar, so it needs the scheduler role there (ADR 0027). */
    private static void rejectUnlessRunnable(RuleSchedule schedule, CalendarId calendarId, Calendars calendars, Caller caller) {
        try {
            schedule.schedule();
        } catch (InvalidScheduleException e) {
            String field = schedule.rrule() == null ? "cron" : "rrule";
            throw CommandRejectedException.invalid(field, RuleSchedule.ruleBroken(field, e), e.getMessage());
        }
        CalendarTerms queue = calendars.find(calendarId).orElseThrow(() -> new CommandRejectedException(
                CommandRejectedException.Reason.UNKNOWN_REFERENCE, "queue", "exists",
                "queue " + calendarId + " names no calendar; a rule's queue is the calendar its occurrences land on"));
        queue.require(caller, CalendarRole.SCHEDULER, "queue");
        queue.requireActive("queue");
    }

    /** A disabled rule is neither paused nor resumed: only {@code enable} ends it (409, rule {@code disabled}). */
    private void rejectIfDisabled(String why) {
        if (status == RuleStatus.DISABLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "disabled", "rule " + ruleId + " " + why);
        }
    }

    private boolean isPausedAt(Instant now) {
        return status == RuleStatus.PAUSED && (resumeAfter == null || now.isBefore(resumeAfter));
    }

    /** A deleted rule keeps its history but takes no further change (409, rule {@code deleted}). */
    private void rejectIfDeleted(String change) {
        if (deleted) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "deleted",
                    "rule " + ruleId + " is deleted and cannot " + change + "; create a new rule instead");
        }
    }

    private RuleChanged changed(Instant now) {
        boolean paused = isPausedAt(now);
        Instant nextRun = switch (status) {
            case DISABLED -> null;
            case PAUSED -> paused && resumeAfter == null ? null : nextRun(paused ? resumeAfter.minusNanos(1) : now);
            case ACTIVE -> nextRun(now);
        };
        return new RuleChanged(paused ? RuleStatus.PAUSED : status == RuleStatus.PAUSED ? RuleStatus.ACTIVE : status,
                paused ? pausedAt : null, paused ? resumeAfter : null, nextRun, version);
    }

    private @Nullable Instant nextRun(Instant after) {
        return RecurrenceExpander.next(spec, after).map(Occurrence::start).orElse(null);
    }

    /** Kept to the millisecond, the precision every store and read model keeps. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
