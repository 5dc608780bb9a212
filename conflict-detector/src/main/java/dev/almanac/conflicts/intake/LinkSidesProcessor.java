package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.lifecycle.OrphanTracker;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.streams.DuePunctuation;

/**
 * The pairs' side of a partition's task, on the same stores as {@link CalendarFactsProcessor}: applies
 * each side of a link that an item's calendar's task sent to this partition (the partition of the
 * primary's id) to the {@link OrphanTracker}, forwards the clearances and orphaned links it finds at once,
 * and on a wall-clock punctuation publishes the orphaned links whose grace ran out (ADR 0061). Only this processor
 * starts a grace, so the punctuation is armed for the earliest one to run out (ADR 0098): the first key of the due
 * index when the task starts and after each check, lowered as sides start graces. The stores, the
 * events and the link topic's offsets commit in the task's transaction, so a side is applied exactly
 * once; a side applied again, as after a reset, is not newer than what is stored and changes nothing.
 */
final class LinkSidesProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LinkSidesProcessor.class);
    /** Orphaned links per punctuation, so that one transaction stays small; the rest follow at the next. */
    private static final int ORPHANS_PER_CHECK = 500;

    private final LifecycleSettings settings;
    private final RecordHandling handling;
    private @Nullable PartitionState state;
    private @Nullable DuePunctuation orphansDue;

    LinkSidesProcessor(EventCodec codec, ConflictMetrics metrics, LifecycleSettings settings) {
        this.settings = settings;
        this.handling = new RecordHandling(codec, metrics, log);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        PartitionState state = handling.initPartition(context);
        this.state = state;
        DuePunctuation orphansDue = new DuePunctuation(context, settings.clock(), settings.orphanCheckInterval(), this::publishDue);
        this.orphansDue = orphansDue;
        orphansDue.armFor(state.trackers().orphans().firstDue());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handling.timed(origin -> applySide(Objects.requireNonNull(state), record, origin));
    }

    private void applySide(PartitionState state, Record<String, byte[]> record, RecordMetadata origin) {
        Optional<List<OrphanTracker.Published>> applied = handling.applied(record, origin, state, () -> {
            LinkSides.LinkSideRecord side = LinkSides.decode(record.value());
            return startClocks(state, state.trackers().orphans().sideChanged(side.change(), side.cause(), settings.clock().instant(),
                    settings.orphanGrace()));
        });
        if (applied.isEmpty()) {
            return;
        }
        // A grace this side started runs out at the earliest then; armed earlier, the punctuation stays as it is.
        Objects.requireNonNull(orphansDue).armFor(settings.clock().instant().plus(settings.orphanGrace()));
        List<OrphanTracker.Published> published = applied.get();
        for (OrphanTracker.Published change : published) {
            forward(change, record.timestamp());
        }
        if (!published.isEmpty()) {
            handling.context().commit();
        }
        handling.published(published.stream().map(OrphanTracker.Published::change).toList());
        handling.handled(origin);
    }

    /** Publishes the orphaned links whose grace ran out, each with the envelope and the timestamp of its cause. */
    private void publishDue() {
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        List<OrphanTracker.Published> published = RecordHandling.committed(state,
                () -> startClocks(state, state.trackers().orphans().dueBy(now, ORPHANS_PER_CHECK)));
        for (OrphanTracker.Published orphan : published) {
            forward(orphan, orphan.cause().time().toEpochMilli());
        }
        if (!published.isEmpty()) {
            log.info("Published {} orphaned links whose sides still disagreed after their grace", published.size());
            handling.published(published.stream().map(OrphanTracker.Published::change).toList());
        }
        Objects.requireNonNull(orphansDue).armFor(state.trackers().orphans().firstDue());
    }

    /** Starts the SCH-015 clock of each orphaned link published, from the time of its cause. */
    private static List<OrphanTracker.Published> startClocks(PartitionState state, List<OrphanTracker.Published> published) {
        for (OrphanTracker.Published orphan : published) {
            Escalations.startClocks(state.conflicts(), List.of(orphan.change()), orphan.cause().time());
        }
        return published;
    }

    private void forward(OrphanTracker.Published published, long timestamp) {
        handling.forward(published.change(), ConflictEventMetadata.of(published.change(), published.cause()), timestamp);
    }
}
