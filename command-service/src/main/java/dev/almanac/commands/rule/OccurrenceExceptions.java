package dev.almanac.commands.rule;

import static dev.almanac.commands.rule.Rule.now;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.platform.identity.Caller;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.Series;
import dev.almanac.recurrence.SeriesExceptions;

/**
 * Exceptions to a {@link Rule}'s series (a moved or cancelled occurrence, its end) and decisions on
 * missed runs, kept by recurrence id, the instant the series resolves an occurrence to (ADR 0023).
 * They change the rule's schedule, so, as an update does, they need whoever may change the rule. A
 * member of the rule's aggregate, in its event stream; {@link RuleOccurrences} finds the occurrence
 * a command names.
 */
class OccurrenceExceptions {

    /** The most occurrences of one rule that may carry an exception of their own (a move or a cancellation). */
    static final int MAX_EXCEPTIONS = 1_000;
    /** How far back a missed occurrence is looked for by its id: OPS-WINDOW's 30 days and a day. */
    static final Duration MISSED_SEARCH = Duration.ofDays(31);
    /** The reason a skipped run's cancellation gives when the caller names none. */
    static final String SKIPPED = "skipped";

    private final Rule rule;
    private SeriesExceptions exceptions = SeriesExceptions.NONE;
    /** Missed occurrences decided, by recurrence id: the start each had when it was decided; a reschedule moves it, and it may be missed again. */
    private final Map<Instant, Instant> missedDecisions = new HashMap<>();

    OccurrenceExceptions(Rule rule) {
        this.rule = rule;
    }

    /** Moves one occurrence that has not started to {@code newStart}, keeping its identity (RFC 5545's RECURRENCE-ID). */
    @CommandHandler
    OccurrenceChanged handle(MoveOccurrence command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        RuleOccurrences occurrences = changeableBy(calendars, caller, "have its occurrences moved");
        requireFuture("new_time", command.newStart(), now);
        Occurrence occurrence = occurrences.locateAhead(command.occurrence(), now);
        Instant recurrenceId = occurrence.resolvedInstant();
        occurrences.rejectIfCancelled(occurrence);
        occurrences.rejectIfStarted(occurrence, now);
        rule.lifecycle().rejectUnlessRunsAt(command.newStart(), now);
        requireRoomForException(recurrenceId);
        apply(new RuleOccurrenceMoved(rule.ruleId(), occurrence.id(), recurrenceId, command.newStart(), now, command.reason()));
        Occurrence moved = occurrence.movedTo(command.newStart());
        return new OccurrenceChanged(moved.id(), recurrenceId, "moved", moved.start(), moved.end(), null, rule.version());
    }

    /** Cancels one occurrence that has not started (RFC 5545's EXDATE). */
    @CommandHandler
    OccurrenceChanged handle(CancelOccurrence command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        RuleOccurrences occurrences = changeableBy(calendars, caller, "have its occurrences cancelled");
        Occurrence occurrence = occurrences.locateAhead(command.occurrence(), now);
        occurrences.rejectIfCancelled(occurrence);
        occurrences.rejectIfStarted(occurrence, now);
        requireRoomForException(occurrence.resolvedInstant());
        apply(new RuleOccurrenceCancelled(rule.ruleId(), occurrence.id(), occurrence.resolvedInstant(), now, command.reason()));
        return new OccurrenceChanged(occurrence.id(), occurrence.resolvedInstant(), "cancelled", null, null, null, rule.version());
    }

    /**
     * Skips the rule's next run: the occurrence its answers name as {@code next_run} is cancelled, with the reason
     * {@value #SKIPPED} unless one is given. A rule with no next run (disabled, or paused without an end) has none to skip.
     */
    @CommandHandler
    OccurrenceChanged handle(SkipNextOccurrence command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        RuleOccurrences occurrences = changeableBy(calendars, caller, "have its next run skipped");
        Instant after = rule.lifecycle().nextRunAfter(now);
        Occurrence next = after == null ? null : new Series(rule.spec(), exceptions).next(after, rule.activeFrom()).orElse(null);
        if (next == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "no_next_run", "rule " + rule.ruleId()
                    + " has no next run to skip: it is " + rule.lifecycle().statusAt(now).name().toLowerCase(Locale.ROOT)
                    + (after == null ? "" : " and its schedule runs out"));
        }
        occurrences.rejectIfCancelled(next);
        requireRoomForException(next.resolvedInstant());
        apply(new RuleOccurrenceCancelled(rule.ruleId(), next.id(), next.resolvedInstant(), now,
                command.reason() == null ? SKIPPED : command.reason()));
        return new OccurrenceChanged(next.id(), next.resolvedInstant(), "skipped", next.start(), next.end(), null, rule.version());
    }

    /**
     * The decision on an occurrence whose start has passed (OPS-MISSED): run it again now as a backfill,
     * reschedule it, or delete it. Once per occurrence and start: a rescheduled occurrence can be
     * decided again once its new start has passed. The command side does not see run reports, so it
     * takes the decision on any occurrence that is due; rule-expander says which were missed.
     */
    @CommandHandler
    OccurrenceChanged handle(DecideMissedRun command, Calendars calendars, Caller caller, Clock clock) {
        Instant now = now(clock);
        RuleOccurrences occurrences = changeableBy(calendars, caller, "have its missed runs decided");
        if (command.action() == MissedRunAction.RESCHEDULE) {
            requireFuture("new_time", command.newStart(), now);
        }
        // Looked for ahead too, so that an occurrence not due yet is named as such rather than not found.
        Occurrence missed = occurrences.locate(command.occurrence(), now.minus(MISSED_SEARCH), now.plus(RuleOccurrences.EXCEPTION_SEARCH));
        Instant recurrenceId = missed.resolvedInstant();
        occurrences.rejectIfCancelled(missed);
        Occurrence standing = occurrences.standing(missed);
        if (standing.start().isAfter(now)) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "not_due",
                    "occurrence " + missed.id() + " of rule " + rule.ruleId() + " starts at " + standing.start()
                            + ", which has not passed; only an occurrence whose time has passed can be missed");
        }
        if (standing.start().equals(missedDecisions.get(recurrenceId))) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "decided", "the missed "
                    + "occurrence " + missed.id() + " of rule " + rule.ruleId() + " at " + standing.start() + " was decided already");
        }
        Instant newStart = switch (command.action()) {
            case APPROVE_BACKFILL_RUN -> {
                rule.rejectIfHeartbeat("action", "run a missed beat again; delete_missed acknowledges it");
                rule.lifecycle().rejectUnlessRunsAt(now, now);
                yield now;
            }
            case RESCHEDULE -> {
                rule.lifecycle().rejectUnlessRunsAt(command.newStart(), now);
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
        apply(new RuleMissedRunDecided(rule.ruleId(), missed.id(), recurrenceId, standing.start(), command.action(), newStart, backfill,
                now, command.reason()));
        Instant end = newStart == null ? null : newStart.plus(Duration.between(standing.start(), standing.end()));
        String status = switch (command.action()) {
            case APPROVE_BACKFILL_RUN -> "backfill_approved";
            case RESCHEDULE -> "rescheduled";
            case DELETE_MISSED -> "deleted";
        };
        return new OccurrenceChanged(missed.id(), recurrenceId, status, newStart, end, backfill, rule.version());
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
        RuleOccurrences occurrences = changeableBy(calendars, caller, "be split");
        Occurrence occurrence = occurrences.locateAhead(command.occurrence(), now);
        occurrences.rejectIfStarted(occurrence, now);
        apply(new RuleEnded(rule.ruleId(), occurrence.resolvedInstant(), now, command.continuedBy()));
        return occurrence.resolvedInstant();
    }

    @EventSourcingHandler
    void on(RuleOccurrenceMoved moved) {
        exceptions = exceptions.moving(moved.recurrenceId(), moved.start());
    }

    @EventSourcingHandler
    void on(RuleOccurrenceCancelled cancelled) {
        exceptions = exceptions.cancelling(cancelled.recurrenceId());
    }

    @EventSourcingHandler
    void on(RuleEnded ended) {
        exceptions = exceptions.endingAt(ended.endsAt());
    }

    @EventSourcingHandler
    void on(RuleMissedRunDecided decided) {
        missedDecisions.put(decided.recurrenceId(), decided.scheduledStart());
        if (decided.action() == MissedRunAction.RESCHEDULE && decided.newStart() != null) {
            exceptions = exceptions.moving(decided.recurrenceId(), decided.newStart());
        } else if (decided.action() == MissedRunAction.DELETE_MISSED) {
            exceptions = exceptions.cancelling(decided.recurrenceId());
        }
    }

    /** The moved and cancelled occurrences and the series' end, which outlive an update wherever the new schedule still produces them. */
    SeriesExceptions held() {
        return exceptions;
    }

    /** The rule's occurrences, once the rule is known to take the change from this caller. */
    private RuleOccurrences changeableBy(Calendars calendars, Caller caller, String change) {
        rule.lifecycle().requireChangeable(change, calendars, caller);
        return new RuleOccurrences(rule.ruleId(), rule.spec(), rule.activeFrom(), exceptions);
    }

    private void requireRoomForException(Instant recurrenceId) {
        boolean isNew = !exceptions.cancelled().contains(recurrenceId) && !exceptions.moved().containsKey(recurrenceId);
        if (isNew && exceptions.size() >= MAX_EXCEPTIONS) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "occurrence_id", "max_exceptions",
                    "rule " + rule.ruleId() + " already has " + MAX_EXCEPTIONS + " moved or cancelled occurrences, the most one rule "
                            + "keeps; change its schedule instead");
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
}
