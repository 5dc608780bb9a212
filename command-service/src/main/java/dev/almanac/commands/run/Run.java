package dev.almanac.commands.run;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Tenant;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.identity.Caller;

/**
 * One attempt at running an item or occurrence, as its executor reports it. A run starts at most
 * once and finishes at most once; a report that repeats what is recorded changes nothing, so an
 * executor may resend a report it is unsure arrived.
 */
@Aggregate
public class Run {

    /** How far ahead of this service's clock an executor's clock may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String storeId;
    private ReportRun first;
    private RunStatus status;
    private Instant startedAt;
    private Instant finishedAt;
    private long version;

    protected Run() {
        // For Axon, which creates a run on its first report and rebuilds it from its events.
    }

    /** @return the run's version after the report */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ReportRun report, Calendars calendars, Clock clock, Caller caller) {
        if (caller.tenant() != null) {
            requireTheCallersTenant(report, caller.tenant());
        }
        if (report.at().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw CommandRejectedException.invalid("at", "future", "at " + report.at() + " is more than "
                    + CLOCK_SKEW.toMinutes() + " minutes ahead of this service's clock; a run is reported once it happened");
        }
        if (status == null) {
            // Another tenant's calendar is answered as one that does not exist, word for word (ADR 0102).
            if (!caller.mayKnow(report.calendarId().value()) || calendars.find(report.calendarId()).isEmpty()) {
                throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "calendar_id", "exists",
                        "calendar_id " + report.calendarId() + " names no calendar");
            }
        } else if (!caller.mayKnow(first.calendarId().value())) {
            // A derived id of another tenant's run (its occurrence's id names no tenant): nothing of that run is told.
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "run_id", "same_run",
                    "run " + report.runId() + " is of another entry; every report of a run must name its entry, attempt and calendar");
        } else {
            rejectIfOfAnotherEntry(report);
        }
        if (report.status() == RunStatus.STARTED) {
            start(report);
        } else {
            finish(report);
        }
        return version;
    }

    /**
     * In multi-tenant mode the ids a report names by itself carry the caller's tenant (ADR 0102): a run id the executor
     * chose, and an item's or a rule's id as the entry. Decided on the report alone, so it tells nothing of what exists.
     * An occurrence's id is a digest that names no tenant, as is a run id derived from the entry (a chosen id of that
     * shape passes as one; a run of another tenant's it names is refused below without a word of it).
     */
    private static void requireTheCallersTenant(ReportRun report, Tenant tenant) {
        if (!Identifiers.isDerived(report.runId().value()) && !tenant.owns(report.runId().value())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "run_id", "tenant", "run_id "
                    + report.runId() + " is not of the caller's tenant: a run id here begins with " + tenant.prefix());
        }
        if (report.entryKind() != EntryKind.OCCURRENCE && !tenant.owns(report.entryId())) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, "entry_id", "tenant", "entry_id "
                    + report.entryId() + " is not of the caller's tenant: an item's or a rule's id here begins with " + tenant.prefix());
        }
    }

    private void start(ReportRun report) {
        if (status == RunStatus.STARTED && startedAt.equals(report.at())) {
            return;
        }
        if (status != null) {
            throw conflict(report);
        }
        apply(new RunStarted(report.runId(), report.calendarId(), report.entryKind(), report.entryId(), report.attempt(),
                report.at(), report.executor()));
    }

    private void finish(ReportRun report) {
        if (status == report.status() && finishedAt.equals(report.at())) {
            return;
        }
        if (status != null && status.finished()) {
            throw conflict(report);
        }
        if (status == RunStatus.STARTED && report.at().isBefore(startedAt)) {
            throw CommandRejectedException.invalid("at", "order", "run " + report.runId() + " started at " + startedAt
                    + " and cannot finish before that, at " + report.at());
        }
        if (report.status() == RunStatus.SUCCEEDED) {
            apply(new RunSucceeded(report.runId(), report.calendarId(), report.entryKind(), report.entryId(), report.attempt(),
                    report.at(), report.executor(), report.message()));
        } else {
            apply(new RunFailed(report.runId(), report.calendarId(), report.entryKind(), report.entryId(), report.attempt(),
                    report.at(), report.executor(), report.message()));
        }
    }

    private CommandRejectedException conflict(ReportRun report) {
        String recorded = status.name().toLowerCase() + " at " + (status.finished() ? finishedAt : startedAt);
        return new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "status",
                status.finished() ? "finished" : "started",
                "run " + report.runId() + " is recorded as " + recorded + "; it cannot be reported "
                        + report.status().name().toLowerCase() + " at " + report.at());
    }

    private void rejectIfOfAnotherEntry(ReportRun report) {
        if (!first.entryId().equals(report.entryId()) || first.entryKind() != report.entryKind()
                || !first.calendarId().equals(report.calendarId()) || first.attempt() != report.attempt()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "run_id", "same_run",
                    "run " + report.runId() + " is attempt " + first.attempt() + " at " + first.entryKind().name().toLowerCase()
                            + " " + first.entryId() + " on calendar " + first.calendarId() + "; every report of it must say so");
        }
    }

    @EventSourcingHandler
    void on(RunStarted started, DomainEventMessage<?> message) {
        remember(new ReportRun(started.runId(), started.calendarId(), started.entryKind(), started.entryId(), started.attempt(),
                RunStatus.STARTED, started.startedAt(), started.executor(), null), message);
        status = RunStatus.STARTED;
        startedAt = started.startedAt();
    }

    @EventSourcingHandler
    void on(RunSucceeded succeeded, DomainEventMessage<?> message) {
        remember(new ReportRun(succeeded.runId(), succeeded.calendarId(), succeeded.entryKind(), succeeded.entryId(),
                succeeded.attempt(), RunStatus.SUCCEEDED, succeeded.finishedAt(), succeeded.executor(), null), message);
        status = RunStatus.SUCCEEDED;
        finishedAt = succeeded.finishedAt();
    }

    @EventSourcingHandler
    void on(RunFailed failed, DomainEventMessage<?> message) {
        remember(new ReportRun(failed.runId(), failed.calendarId(), failed.entryKind(), failed.entryId(), failed.attempt(),
                RunStatus.FAILED, failed.finishedAt(), failed.executor(), null), message);
        status = RunStatus.FAILED;
        finishedAt = failed.finishedAt();
    }

    private void remember(ReportRun report, DomainEventMessage<?> message) {
        storeId = StoreIds.run(report.runId());
        if (first == null) {
            first = report;
        }
        version = message.getSequenceNumber();
    }
}
