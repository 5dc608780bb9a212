package dev.almanac.dispatch.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.dispatch.due.DispatchSink;
import dev.almanac.dispatch.due.ItemReminders;
import dev.almanac.dispatch.due.PendingRun;
import dev.almanac.dispatch.due.TrackedRun;
import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.run.RunEvent;

/** Keeps what a partition publishes and the state it writes, as the stores would. */
public final class RecordingSink implements DispatchSink {

    public final List<OccurrenceDue> dispatched = new ArrayList<>();
    public final List<EventMetadata> envelopes = new ArrayList<>();
    public final List<DispatchMisfired> misfired = new ArrayList<>();
    public final List<DispatchEvent> published = new ArrayList<>();
    public final Map<OccurrenceId, TrackedRun> tracked = new HashMap<>();
    public final Map<RuleId, PendingRun> buffered = new HashMap<>();
    public final List<String> refused = new ArrayList<>();
    public final Map<OccurrenceId, Instant> guards = new HashMap<>();
    public final Map<String, PendingRun> pending = new HashMap<>();
    public final Map<String, Instant> done = new HashMap<>();
    public final Map<ItemId, ItemReminders> itemReminders = new HashMap<>();
    public Instant watermark = Instant.MIN;

    @Override
    public void publish(DispatchEvent event, EventMetadata envelope) {
        published.add(event);
        if (event instanceof OccurrenceDue due) {
            dispatched.add(due);
            envelopes.add(envelope);
        } else if (event instanceof DispatchMisfired misfire) {
            misfired.add(misfire);
        }
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

    @Override
    public void track(TrackedRun run) {
        tracked.put(run.run().occurrenceId(), run);
    }

    @Override
    public void untrack(OccurrenceId occurrenceId) {
        tracked.remove(occurrenceId);
    }

    @Override
    public void buffer(PendingRun run) {
        buffered.put(run.ruleId(), run);
    }

    @Override
    public void unbuffer(RuleId ruleId) {
        buffered.remove(ruleId);
    }

    @Override
    public void itemReminders(ItemReminders item) {
        itemReminders.put(item.itemId(), item);
    }

    @Override
    public void noItemReminders(ItemId itemId) {
        itemReminders.remove(itemId);
    }

    @Override
    public void reminded(String key, Instant expires) {
        done.put(key, expires);
    }

    @Override
    public void refused(RunEvent report, String reason) {
        refused.add(reason);
    }

    /** The events of {@code type} published, in order. */
    public <T extends DispatchEvent> List<T> publishedOf(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<Instant> dueTimes() {
        return dispatched.stream().map(OccurrenceDue::dueAt).toList();
    }

    public void clear() {
        dispatched.clear();
        envelopes.clear();
        misfired.clear();
        published.clear();
    }
}
