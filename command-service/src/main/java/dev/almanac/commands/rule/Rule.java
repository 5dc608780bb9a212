package dev.almanac.commands.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

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
import dev.almanac.commands.resource.KnownResources;
import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.occurrence.OccurrenceId;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;
import dev.almanac.platform.identity.Caller;

/**
 * A recurring rule. Its occurrences are materialised by rule-expander from the events. A pause
 * with {@code resume_after} ends by itself when that instant passes: no event marks it, so every
 * service reads "paused" as "paused and {@code resume_after} not yet reached", this one too.
 *
 * <p>Exceptions to the series (a moved or cancelled occurrence, its end) and decisions on missed
 * runs are kept by recurrence id, the instant the series resolves an occurrence to (ADR 0023).
 * They change the rule's schedule, so, as an update and the lifecycle commands, they need the
 * scheduler role on its queue calendar (ADR 0027), and, from anyone but the rule's creator, the
 * manager role there (ADR 0032). The emergency pause-all and its undo, an admin's, check neither.
 */
@Aggregate
public class Rule {

    /** The most occurrences of one rule that may carry an exception of their own (a move or a cancellation). */
    static final int MAX_EXCEPTIONS = 1_000;
    /** How far ahead a moved, cancelled or split occurrence is looked for by its id: a year and a day, past the widest view. */
    static final Duration EXCEPTION_SEARCH = Duration.ofDays(366);
    /** How far back a missed occurrence is looked for by its id: seed 001's 30-day rolling window and a day. */
    static final Duration MISSED_SEARCH = Duration.ofDays(31);
    /** The most occurrences one search by id looks at; a further one is named by its recurrence id instead. */
    static final int SEARCH_LIMIT = 100_000;

    @AggregateIdentifier
    private String storeId;
    private RuleId ruleId;
    private RecurrenceSpec spec;
    private RuleDefinition definition;
    private RuleStatus status;
    /** Who created the rule: the actor its creation's event records (ADR 0032); null when that event names none. */
    private @Nullable String creator;
    /** Deleted for good; its status reads disabled, as seed 000 names a rule that no longer runs. */
    private boolean deleted;
    private @Nullable Instant pausedAt;
    private @Nullable Instant resumeAfter;
    /** The emergency pause-all that paused this rule, if one did; only its undo resumes it by that emergency. */
    private @Nullable String emergencyPauseId;
    private long version;
    private SeriesExceptions exceptions = SeriesExceptions.NONE;
    /** Missed occurrences decided, by recurrence id: the start each had when it was decided; a reschedule moves it, and it may be missed again. */
    private final Map<Instant, Instant> missedDecisions = new HashMap<>();

    protected Rule() {
        // For Axon, which rebuilds the rule from its events.
    }

    @CommandHandler
    public Rule(CreateRule command, Calendars calendars, KnownResources resources, RuleOwners owners, Caller caller) {
        rejectUnlessRunnable(command.schedule(), command.calendarId(), calendars, caller);
        resources.requireKnown("resources", command.resources());
        owners.requirePlaceFor(command.ruleId(), caller.actor());
        apply(command.toEvent());
    }

    /**
     * The rule that continues {@code replaced}'s series ("this and following"), created by
     * {@link RuleSplitter} in the unit of work that ends the old series; the old rule's place in
     * its creator's count is not counted against the new one. Like any creation, it needs the
     * scheduler role on its queue, and its creator is the actor who split the series (ADR 0032).
     */
    static Rule continuing(CreateRule command, Calendars calendars, KnownResources resources, RuleOwners owners, Caller caller,
                           RuleId replaced) {
        Rule rule = new Rule();
        rejectUnlessRunnable(command.schedule(), command.calendarId(), calendars, caller);
        resources.requireKnown("resources", command.resources());
        owners.requirePlaceFor(command.ruleId(), caller.actor(), replaced);
        apply(command.toEvent());
        return rule;
    }

    /** The definition is replaced from now on; a paused rule stays paused. */
    @CommandHandler
    public RuleChanged handle(UpdateRule command, Calendars calendars, KnownResources resources, Clock clock, Caller caller) {
        Instant now = now(clock);
        rejectIfDeleted("be updated");
        requireChangeableBy(calendars, caller);
        rejectUnlessRunnable(command.schedule(), command.calendarId(), calendars, caller);
        resources.requireKnown("resources", command.resources());
        apply(command.toEvent(now));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(PauseRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be paused");
        requireChangeableBy(calendars, caller);
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
    public RuleChanged handle(DisableRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be disabled");
        requireChangeableBy(calendars, caller);
        rejectIfDisabled("is already disabled; enable it first");
        apply(new RuleDisabled(ruleId, now, command.reason()));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(EnableRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be enabled");
        requireChangeableBy(calendars, caller);
        if (status != RuleStatus.DISABLED) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "not_disabled",
                    "rule " + ruleId + " is not disabled; only a disabled rule can be enabled");
        }
        apply(new RuleEnabled(ruleId, now));
        return changed(now);
    }

    @CommandHandler
    public RuleChanged handle(ResumeRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be resumed");
        requireChangeableBy(calendars, caller);
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
    public RuleChanged handle(DeleteRule command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be deleted again");
        requireChangeableBy(calendars, caller);
        apply(new RuleDeleted(ruleId, now));
        return changed(now);
    }

    /** Moves one occurrence that has not started to {@code newStart}, keeping its identity (RFC 5545's RECURRENCE-ID). */
    @CommandHandler
    public OccurrenceChanged handle(MoveOccurrence command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("have its occurrences moved");
        requireChangeableBy(calendars, caller);
        requireFuture("new_time", command.newStart(), now);
        Occurrence occurrence = locateAhead(command.occurrence(), now);
        Instant recurrenceId = occurrence.resolvedInstant();
        rejectIfCancelled(occurrence);
        rejectIfStarted(occurrence, now);
        rejectUnlessRunsAt(command.newStart(), now);
        requireRoomForException(recurrenceId);
        apply(new RuleOccurrenceMoved(ruleId, occurrence.id(), recurrenceId, command.newStart(), now, command.reason()));
        Occurrence moved = occurrence.movedTo(command.newStart());
        return new OccurrenceChanged(moved.id(), recurrenceId, "moved", moved.start(), moved.end(), null, version);
    }

    /** Cancels one occurrence that has not started (RFC 5545's EXDATE). */
    @CommandHandler
    public OccurrenceChanged handle(CancelOccurrence command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("have its occurrences cancelled");
        requireChangeableBy(calendars, caller);
        Occurrence occurrence = locateAhead(command.occurrence(), now);
        rejectIfCancelled(occurrence);
        rejectIfStarted(occurrence, now);
        requireRoomForException(occurrence.resolvedInstant());
        apply(new RuleOccurrenceCancelled(ruleId, occurrence.id(), occurrence.resolvedInstant(), now, command.reason()));
        return new OccurrenceChanged(occurrence.id(), occurrence.resolvedInstant(), "cancelled", null, null, null, version);
    }

    /**
     * Seed 001's decision on an occurrence whose start has passed: run it again now as a backfill,
     * reschedule it, or delete it. Once per occurrence and start: a rescheduled occurrence can be
     * decided again once its new start has passed. The command side does not see run reports, so it
     * takes the decision on any occurrence that is due; rule-expander says which were missed.
     */
    @CommandHandler
    public OccurrenceChanged handle(DecideMissedRun command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("have its missed runs decided");
        requireChangeableBy(calendars, caller);
        if (command.action() == MissedRunAction.RESCHEDULE) {
            requireFuture("new_time", command.newStart(), now);
        }
        // Looked for ahead too, so that an occurrence not due yet is named as such rather than not found.
        Occurrence missed = locate(command.occurrence(), now.minus(MISSED_SEARCH), now.plus(EXCEPTION_SEARCH));
        Instant recurrenceId = missed.resolvedInstant();
        rejectIfCancelled(missed);
        Occurrence standing = series().standing(recurrenceId).orElse(missed);
        if (standing.start().isAfter(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "not_due",
                    "occurrence " + missed.id() + " of rule " + ruleId + " starts at " + standing.start()
                            + ", which has not passed; only an occurrence whose time has passed can be missed");
        }
        if (standing.start().equals(missedDecisions.get(recurrenceId))) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "decided",
                    "the missed occurrence " + missed.id() + " of rule " + ruleId + " at " + standing.start() + " was decided already");
        }
        Instant newStart = switch (command.action()) {
            case APPROVE_BACKFILL_RUN -> {
                rejectUnlessRunsAt(now, now);
                yield now;
            }
            case RESCHEDULE -> {
                rejectUnlessRunsAt(command.newStart(), now);
                requireRoomForException(recurrenceId);
                yield command.newStart();
            }
            case DELETE_MISSED -> {
                requireRoomForException(recurrenceId);
                yield null;
            }
        };
        OccurrenceId backfill = command.action() == MissedRunAction.APPROVE_BACKFILL_RUN
                ? OccurrenceId.backfillOf(missed.id(), standing.start()) : null;
        apply(new RuleMissedRunDecided(ruleId, missed.id(), recurrenceId, standing.start(), command.action(), newStart, backfill, now,
                command.reason()));
        Instant end = newStart == null ? null : newStart.plus(Duration.between(standing.start(), standing.end()));
        String status = switch (command.action()) {
            case APPROVE_BACKFILL_RUN -> "backfill_approved";
            case RESCHEDULE -> "rescheduled";
            case DELETE_MISSED -> "deleted";
        };
        return new OccurrenceChanged(missed.id(), recurrenceId, status, newStart, end, backfill, version);
    }

    /**
     * Ends the series before one of its occurrences, which has not started: the first half of a
     * split, whose {@link RuleSplitter} creates {@code continuedBy} in the same unit of work.
     *
     * @return where the series now ends: the occurrence's recurrence id
     */
    @CommandHandler
    Instant handle(EndSeries command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        rejectIfDeleted("be split");
        requireChangeableBy(calendars, caller);
        Occurrence occurrence = locateAhead(command.occurrence(), now);
        rejectIfStarted(occurrence, now);
        apply(new RuleEnded(ruleId, occurrence.resolvedInstant(), now, command.continuedBy()));
        return occurrence.resolvedInstant();
    }

    @EventSourcingHandler
    void on(RuleCreated created, DomainEventMessage<?> message) {
        storeId = StoreIds.rule(created.ruleId());
        ruleId = created.ruleId();
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        creator = actor == null ? null : actor.toString();
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

    @EventSourcingHandler
    void on(RuleOccurrenceMoved moved, DomainEventMessage<?> message) {
        exceptions = exceptions.moving(moved.recurrenceId(), moved.start());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleOccurrenceCancelled cancelled, DomainEventMessage<?> message) {
        exceptions = exceptions.cancelling(cancelled.recurrenceId());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleEnded ended, DomainEventMessage<?> message) {
        exceptions = exceptions.endingAt(ended.endsAt());
        version = message.getSequenceNumber();
    }

    @EventSourcingHandler
    void on(RuleMissedRunDecided decided, DomainEventMessage<?> message) {
        missedDecisions.put(decided.recurrenceId(), decided.scheduledStart());
        if (decided.action() == MissedRunAction.RESCHEDULE && decided.newStart() != null) {
            exceptions = exceptions.moving(decided.recurrenceId(), decided.newStart());
        } else if (decided.action() == MissedRunAction.DELETE_MISSED) {
            exceptions = exceptions.cancelling(decided.recurrenceId());
        }
        version = message.getSequenceNumber();
    }

    /** The rule as it stands at {@code now}, for a change request to be shown and checked against. */
    public RuleSnapshot snapshot(Instant now) {
        boolean paused = isPausedAt(now);
        RuleStatus current = status == RuleStatus.PAUSED && !paused ? RuleStatus.ACTIVE : status;
        return new RuleSnapshot(ruleId, version, definition, current, paused ? resumeAfter : null, deleted, exceptions);
    }

    private Series series() {
        return new Series(spec, exceptions);
    }

    /** An occurrence named for an exception: by recurrence id, or by id among the next year's, from just before now (jitter). */
    private Occurrence locateAhead(OccurrenceRef ref, Instant now) {
        return locate(ref, now.minusSeconds(spec.jitterSeconds()), now.plus(EXCEPTION_SEARCH));
    }

    /**
     * The series' occurrence the reference names, where the schedule puts it: by its recurrence id,
     * or by its id among those resolving in {@code [from, until)} and those with an exception.
     *
     * @throws CommandRejectedException 404: {@code produced} for an instant the series has no occurrence at,
     *     {@code exists} for an id not found
     */
    private Occurrence locate(OccurrenceRef ref, Instant from, Instant until) {
        Series series = series();
        if (ref.recurrenceId() != null) {
            return series.occurrenceAt(ref.recurrenceId())
                    .filter(occurrence -> !occurrence.resolvedInstant().isBefore(definition.activeFrom()))
                    .orElseThrow(() -> new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id",
                            "produced", "rule " + ruleId + " has no occurrence at " + ref.recurrenceId()
                            + ": its schedule does not resolve to that instant from " + definition.activeFrom()
                            + (exceptions.endsAt() == null ? "" : " until its series ends at " + exceptions.endsAt())));
        }
        Instant searchedFrom = from.isBefore(definition.activeFrom()) ? definition.activeFrom() : from;
        return series.find(ref.id(), searchedFrom, until.isAfter(searchedFrom) ? until : searchedFrom, SEARCH_LIMIT)
                .filter(occurrence -> !occurrence.resolvedInstant().isBefore(definition.activeFrom()))
                .orElseThrow(() -> new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "occurrence_id", "exists",
                        "rule " + ruleId + " has no occurrence " + ref.id() + " resolving between " + searchedFrom + " and " + until
                                + " (nor among its first " + SEARCH_LIMIT + " there); name an occurrence further away by its "
                                + "resolved_at instant"));
    }

    private void rejectIfCancelled(Occurrence occurrence) {
        if (exceptions.cancelled().contains(occurrence.resolvedInstant())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "cancelled",
                    "occurrence " + occurrence.id() + " of rule " + ruleId + " is cancelled, and stays so");
        }
    }

    /** An occurrence that has started, where it stands now (moved or not), can no longer be changed, only decided once missed. */
    private void rejectIfStarted(Occurrence occurrence, Instant now) {
        Occurrence standing = series().standing(occurrence.resolvedInstant()).orElse(occurrence);
        if (!standing.start().isAfter(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "started",
                    "occurrence " + occurrence.id() + " of rule " + ruleId + " started at " + standing.start()
                            + "; a missed one is decided with POST .../occurrences/{occurrenceId}/missed");
        }
    }

    /** An occurrence is not put where the rule will not run it: while it is disabled, or inside its pause. */
    private void rejectUnlessRunsAt(Instant start, Instant now) {
        rejectIfDisabled("is disabled, and runs nothing; enable it first");
        if (isPausedAt(now) && (resumeAfter == null || start.isBefore(resumeAfter))) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "new_time", "paused",
                    "rule " + ruleId + " is paused " + (resumeAfter == null ? "until resumed" : "until " + resumeAfter)
                            + " and runs nothing at " + start + "; resume it first or pick a time after the pause");
        }
    }

    private void requireRoomForException(Instant recurrenceId) {
        boolean isNew = !exceptions.cancelled().contains(recurrenceId) && !exceptions.moved().containsKey(recurrenceId);
        if (isNew && exceptions.size() >= MAX_EXCEPTIONS) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "max_exceptions",
                    "rule " + ruleId + " already has " + MAX_EXCEPTIONS + " moved or cancelled occurrences, the most one rule keeps; "
                            + "change its schedule instead");
        }
    }

    private static void requireFuture(String field, @Nullable Instant instant, Instant now) {
        if (instant == null) {
            throw CommandRejectedException.invalid(field, "required", field + " is required to move an occurrence");
        }
        if (!instant.isAfter(now)) {
            throw CommandRejectedException.invalid(field, "future", field + " " + instant + " is not in the future");
        }
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

    /**
     * Who may change the rule (ADR 0032, seed 000's "rules they created or have explicit permissions
     * for"): its creator while they keep the scheduler role on the queue the rule stands on (ADR 0027;
     * 403 rule {@code role}), anyone else only as that queue's manager, which an admin is of every
     * calendar (403 rule {@code rule_owner}, {@code required_role} manager). On a queue without grants
     * everyone is its scheduler, as before grants existed, so anyone may change any rule there. A
     * deactivated queue keeps its grants and is checked the same.
     */
    private void requireChangeableBy(Calendars calendars, Caller caller) {
        requireChangeableBy(calendars, caller, "changing rule " + ruleId, "");
    }

    /**
     * The same check, for a step that changes nothing about the rule but is left to whoever may change
     * it: rejecting a change request of the rule, as whoever may confirm it, a change (ADR 0032
     * addendum).
     *
     * @param what  the step refused, naming this rule last, for the message ("rejecting change request chg-1 of rule rule-1")
     * @param aside appended to the message: what the caller may do instead, or nothing
     * @throws CommandRejectedException 403, field {@code id}, rule {@code role} or {@code rule_owner}
     */
    public void requireChangeableBy(Calendars calendars, Caller caller, String what, String aside) {
        CalendarTerms queue = calendars.find(definition.calendarId()).orElseThrow(() -> new IllegalStateException("rule " + ruleId
                + " is on queue " + definition.calendarId() + ", which has no events"));
        if (queue.access().isOpen() || caller.actor().equals(creator)) {
            queue.require(caller, CalendarRole.SCHEDULER, "id", "role", what, aside);
        } else {
            queue.require(caller, CalendarRole.MANAGER, "id", "rule_owner", what + ", "
                    + (creator == null ? "whose creator is not recorded" : "which " + creator + " created") + ",", aside);
        }
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

    /** The first run to start after {@code after}, jitter included, of the occurrences from {@code active_from} on. */
    private @Nullable Instant nextRun(Instant after) {
        return series().next(after, definition.activeFrom()).map(Occurrence::start).orElse(null);
    }

    /** Kept to the millisecond, the precision every store and read model keeps. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
