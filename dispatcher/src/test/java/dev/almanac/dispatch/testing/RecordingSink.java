package dev.almanac.dispatch.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.dispatch.due.DispatchSink;
import dev.almanac.dispatch.due.PendingRun;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;

/** Keeps what a partition publishes and the state it writes, as the stores would. */
public final class RecordingSink implements DispatchSink {

    public final List<OccurrenceDue> dispatched = new ArrayList<>();
    public final List<EventMetadata> envelopes = new ArrayList<>();
    public final List<DispatchMisfired> misfired = new ArrayList<>();
    public final Map<OccurrenceId, Instant> guards = new HashMap<>();
    public final Map<String, PendingRun> pending = new HashMap<>();
    public final Map<String, Instant> done = new HashMap<>();
    public Instant watermark = Instant.MIN;

    @Override
    public void publish(OccurrenceDue due, EventMetadata envelope) {
        dispatched.add(due);
        envelopes.add(envelope);
    }

    @Override
    public void publish(DispatchMisfired event, EventMetadata envelope) {
        misfired.add(event);
    }

    @Override
    public void watermark(Instant watermark) {
        this.watermark = watermark;
    }

    @Override
    public void guard(OccurrenceId occurrenceId, Instant expires) {
        guards.put(occurrenceId, expires);
    }

    @Override
    public void unguard(OccurrenceId occurrenceId) {
        guards.remove(occurrenceId);
    }

    @Override
    public void pending(PendingRun run) {
        pending.put(run.key(), run);
    }

    @Override
    public void settled(PendingRun run, Instant expires) {
        pending.remove(run.key());
        done.put(run.key(), expires);
    }

    @Override
    public void forget(String runKey) {
        done.remove(runKey);
    }

    public List<Instant> dueTimes() {
        return dispatched.stream().map(OccurrenceDue::dueAt).toList();
    }

    public void clear() {
        dispatched.clear();
        envelopes.clear();
        misfired.clear();
    }
}
