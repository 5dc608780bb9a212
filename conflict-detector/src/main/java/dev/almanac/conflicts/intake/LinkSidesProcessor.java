package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.lifecycle.OrphanTracker;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventCodec;

/**
 * The pairs' side of a partition's task, on the same stores as {@link CalendarFactsProcessor}: applies
 * each side of a link that an item's calendar's task sent to this partition (the partition of the
 * primary's id) to the {@link OrphanTracker}, forwards the clearances and orphaned links it finds at once,
 * and on a wall-clock punctuation publishes the orphaned links whose grace ran out (ADR 0061). The stores, the
 * events and the link topic's offsets commit in the task's transaction, so a side is applied exactly
 * once; a side applied again, as after a reset, is not newer than what is stored and changes nothing.
 */
final class LinkSidesProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LinkSidesProcessor.class);
    /** Orphaned links per punctuation, so that one transaction stays small; the rest follow at the next. */
    private static final int ORPHANS_PER_CHECK = 500;

    private final EventCodec codec;
    private final ConflictMetrics metrics;
    private final LifecycleSettings settings;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionState state;

    LinkSidesProcessor(EventCodec codec, ConflictMetrics metrics, LifecycleSettings settings) {
        this.codec = codec;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = PartitionState.of(context, codec);
        context.schedule(settings.orphanCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> publishDue());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context, "processor not initialised");
        PartitionState state = Objects.requireNonNull(this.state);
        RecordMetadata origin = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
        Timer.Sample sample = metrics.startHandling();
        try {
            handle(context, state, record, origin);
        } finally {
            metrics.stopHandling(sample, origin.topic());
        }
    }

    private void handle(ProcessorContext<String, byte[]> context, PartitionState state, Record<String, byte[]> record,
                        RecordMetadata origin) {
        LinkSides.LinkSideRecord side;
        List<OrphanTracker.Published> published;
        try {
            side = LinkSides.decode(record.value());
            published = state.trackers().orphans().sideChanged(side.change(), side.cause(), settings.clock().instant(),
                    settings.orphanGrace());
            for (OrphanTracker.Published orphan : published) {
                Escalations.startClocks(state.conflicts(), List.of(orphan.change()), orphan.cause().time());
            }
            state.commit();
        } catch (KafkaException outage) {
            state.discard();
            throw outage;
        } catch (RuntimeException failure) {
            // An unreadable record, or deterministic handling that fails the same way on every retry.
            state.discard();
            DeadLetters.setAside(context, record, origin, failure, log, metrics);
            return;
        }
        for (OrphanTracker.Published change : published) {
            forward(context, change.change(), change.cause(), record.timestamp());
        }
        if (!published.isEmpty()) {
            context.commit();
        }
        metrics.published(published.stream().map(OrphanTracker.Published::change).toList());
        metrics.handled(origin.topic());
    }

    /** Publishes the orphaned links whose grace ran out, each with the envelope and the timestamp of its cause. */
    private void publishDue() {
        ProcessorContext<String, byte[]> context = Objects.requireNonNull(this.context);
        PartitionState state = Objects.requireNonNull(this.state);
        Instant now = settings.clock().instant();
        List<OrphanTracker.Published> published;
        try {
            published = state.trackers().orphans().dueBy(now, ORPHANS_PER_CHECK);
            for (OrphanTracker.Published orphan : published) {
                Escalations.startClocks(state.conflicts(), List.of(orphan.change()), orphan.cause().time());
            }
            state.commit();
        } catch (RuntimeException failure) {
            state.discard();
            throw failure;
        }
        for (OrphanTracker.Published orphan : published) {
            forward(context, orphan.change(), orphan.cause(), orphan.cause().time().toEpochMilli());
        }
        if (!published.isEmpty()) {
            log.info("Published {} orphaned links whose sides still disagreed after their grace", published.size());
            metrics.published(published.stream().map(OrphanTracker.Published::change).toList());
        }
    }

    private void forward(ProcessorContext<String, byte[]> context, ConflictChange change, EventMetadata cause, long timestamp) {
        ProducerRecord<String, byte[]> event = codec.toRecord(ConflictEventMetadata.of(change, cause), change.event());
        context.forward(new Record<>(event.key(), event.value(), timestamp, event.headers()), ConflictTopology.CONFLICTS_SINK);
    }
}
