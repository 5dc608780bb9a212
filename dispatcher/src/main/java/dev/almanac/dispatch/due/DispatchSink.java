package dev.almanac.dispatch.due;

import java.time.Instant;

import dev.almanac.events.dispatch.DispatchEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.run.RunEvent;

/**
 * Where a partition's decisions go: the events it publishes and the state it keeps. The Kafka Streams processor
 * writes both in one transaction, so that the events and the state that says they were published commit together.
 */
public interface DispatchSink {

    void publish(DispatchEvent event, EventMetadata envelope);

    /** Everything starting before {@code watermark} has been decided. */
    void watermark(Instant watermark);

    /** {@code occurrenceId} was dispatched and moved later: it is not dispatched again before {@code expires}. */
    void guard(OccurrenceId occurrenceId, Instant expires);

    void unguard(OccurrenceId occurrenceId);

    void pending(PendingRun run);

    /** {@code run} was dispatched: it is no longer pending, and the same run is not dispatched again before {@code expires}. */
    void settled(PendingRun run, Instant expires);

    /** The run with this key may be forgotten. */
    void forget(String runKey);

    /** An occurrence whose rule's options are enforced, where it stands now. */
    void track(TrackedRun run);

    void untrack(OccurrenceId occurrenceId);

    /** {@code run} waits as its rule's one buffered occurrence. */
    void buffer(PendingRun run);

    void unbuffer(RuleId ruleId);

    /** An item's reminders as they now stand (ADR 0079). */
    void itemReminders(ItemReminders item);

    /** The item has no reminders left: nothing is kept of it. */
    void noItemReminders(ItemId itemId);

    /** A reminder was sent for one start: it is not sent again for it before {@code expires}. */
    void reminded(String key, Instant expires);

    /** A run report that changes nothing, and why. */
    void refused(RunEvent report, String reason);
}
