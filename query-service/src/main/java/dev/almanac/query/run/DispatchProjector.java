package dev.almanac.query.run;

import java.util.List;

import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects the dispatcher's decisions into {@link Runs}: each occurrence's latest decision under the occurrence id
 * ({@code entry_dispatches}), at the decision's rank, so that an earlier decision delivered again or late changes
 * nothing. The views merge it with the entry's latest run report ({@link LatestRun}).
 */
public final class DispatchProjector implements Projector, DispatchEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "dispatches";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceDue due, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, due.occurrenceId().value(), DispatchDecision.DISPATCHED.rank(due.attempt()),
                before -> DispatchState.dispatched(due));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceSkipped skipped, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, skipped.occurrenceId().value(), DispatchDecision.SKIPPED.rank(1),
                before -> DispatchState.skipped(skipped));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceBuffered buffered, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, buffered.occurrenceId().value(), DispatchDecision.BUFFERED.rank(1),
                before -> DispatchState.buffered(buffered));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RunTimedOut timedOut, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, timedOut.occurrenceId().value(), DispatchDecision.TIMED_OUT.rank(timedOut.attempt()),
                before -> DispatchState.timedOut(before, timedOut));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RetryScheduled retry, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, retry.occurrenceId().value(), DispatchDecision.RETRY_SCHEDULED.rank(retry.attempt() - 1),
                before -> DispatchState.retryScheduled(before, retry));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RetriesExhausted exhausted, EventMetadata envelope) {
        return Projector.change(Runs.DISPATCHES, exhausted.occurrenceId().value(),
                DispatchDecision.RETRIES_EXHAUSTED.rank(exhausted.attempts()), before -> DispatchState.exhausted(before, exhausted));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ReminderDue reminder, EventMetadata envelope) {
        return Decision.ignore("a reminder dispatches no run; it reaches its user in the notification centre (ADR 0079)");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(DispatchMisfired misfired, EventMetadata envelope) {
        return Decision.ignore("the occurrences a misfire left undispatched are found missed by rule-expander, whose "
                + "OccurrenceMissed shows each one (missed_runs)");
    }
}
