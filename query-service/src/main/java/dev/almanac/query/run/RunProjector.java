package dev.almanac.query.run;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceEvent;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects run reports into {@link Runs}: the run under its id, the entry's latest run under
 * the entry's id, and a heartbeat's report under its rule and hour ({@link HeartbeatReports}).
 * A report of an earlier attempt that arrives late leaves the later attempt shown.
 * Occurrences rule-expander found missed go to {@code missed_runs}, the overlay of an occurrence no
 * run was reported for; an operator's decision on one comes from the rules topic ({@code RuleProjector}).
 */
public final class RunProjector implements Projector, RunEvent.Handler<Decision<List<EntityChange<?>>>>,
        OccurrenceEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RunStarted started, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        long entryVersion = RunState.entryVersion(started, version);
        return changes(started, RunState.RUNNING, started.startedAt(), started.executor(), null,
                new EntityChange<>(Runs.KIND, started.runId().value(), version,
                        before -> RunState.started(started, started.runId().value(), version)),
                new EntityChange<>(Runs.LATEST_BY_ENTRY, started.entryId(), entryVersion,
                        before -> RunState.started(started, started.entryId(), entryVersion)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RunSucceeded succeeded, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        long entryVersion = RunState.entryVersion(succeeded, version);
        return changes(succeeded, RunState.SUCCEEDED, succeeded.finishedAt(), succeeded.executor(), succeeded.message(),
                new EntityChange<>(Runs.KIND, succeeded.runId().value(), version,
                        before -> RunState.succeeded(before, succeeded, succeeded.runId().value(), version)),
                new EntityChange<>(Runs.LATEST_BY_ENTRY, succeeded.entryId(), entryVersion,
                        before -> RunState.succeeded(before, succeeded, succeeded.entryId(), entryVersion)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(RunFailed failed, EventMetadata envelope) {
        long version = envelope.aggregateVersion();
        long entryVersion = RunState.entryVersion(failed, version);
        return changes(failed, RunState.FAILED, failed.finishedAt(), failed.executor(), failed.message(),
                new EntityChange<>(Runs.KIND, failed.runId().value(), version,
                        before -> RunState.failed(before, failed, failed.runId().value(), version)),
                new EntityChange<>(Runs.LATEST_BY_ENTRY, failed.entryId(), entryVersion,
                        before -> RunState.failed(before, failed, failed.entryId(), entryVersion)));
    }

    /**
     * The run's changes, and for a heartbeat's report (entry kind rule, ADR 0073) the report kept by its rule and hour too,
     * where the views find the beats it accounts for.
     */
    private static Decision<List<EntityChange<?>>> changes(RunEvent event, String status, Instant at, @Nullable String executor,
                                                           @Nullable String message, EntityChange<?> run, EntityChange<?> latest) {
        if (event.entryKind() != EntryKind.RULE) {
            return Projector.changes(run, latest);
        }
        String id = HeartbeatReports.idOf(event.entryId(), at);
        // Always applied (the version 1 is newer than a set's 0): the set keeps each report once.
        return Projector.changes(run, latest, new EntityChange<>(Runs.HEARTBEATS, id, 1,
                before -> HeartbeatReports.with(before, id, event, status, at, executor, message)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceMissed missed, EventMetadata envelope) {
        return Projector.change(Runs.MISSED, missed.occurrenceId().value(), envelope.aggregateVersion(),
                before -> MissedRun.detected(missed, envelope.aggregateVersion()));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceMaterialized occurrence, EventMetadata envelope) {
        return Decision.ignore("an occurrence is an entry (EntryProjector); its runs are reported on almanac.runs.v1");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(OccurrenceRetracted retracted, EventMetadata envelope) {
        return Decision.ignore("a retracted occurrence leaves its calendar (EntryProjector); the runs reported for it stay as they were");
    }
}
