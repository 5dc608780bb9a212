package dev.almanac.conflicts.intake;

import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
import dev.almanac.platform.kafka.EventCodec;

/**
 * The resources' side of a partition's task, on the same stores as {@link CalendarFactsProcessor}:
 * applies each booking that a calendar's task sent to this partition (the partition of the booked
 * resource's id) to the resource's tracker, and forwards the conflict events it causes, stamped
 * with the envelope of the fact that caused the booking. The stores, the events and the booking
 * topic's offsets commit in the task's transaction, so a booking is applied exactly once; a booking
 * applied again, as after a reset, is older than what is stored and changes nothing.
 */
final class ResourceBookingsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ResourceBookingsProcessor.class);

    private final EventCodec codec;
    private final ConflictMetrics metrics;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionState state;

    ResourceBookingsProcessor(EventCodec codec, ConflictMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = PartitionState.of(context, codec);
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
        ResourceBookings.BookingRecord booking;
        List<ConflictChange> changes;
        try {
            booking = ResourceBookings.decode(record.value());
            changes = state.trackers().resources().booked(booking.change());
            Escalations.startClocks(state.conflicts(), changes, booking.cause().time());
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
        for (ConflictChange change : changes) {
            ProducerRecord<String, byte[]> event = codec.toRecord(ConflictEventMetadata.of(change, booking.cause()), change.event());
            context.forward(new Record<>(event.key(), event.value(), record.timestamp(), event.headers()),
                    ConflictTopology.CONFLICTS_SINK);
        }
        if (!changes.isEmpty()) {
            // The second transaction on the way from the item to its resource's conflict: commit as soon as it can.
            context.commit();
        }
        metrics.published(changes);
        metrics.handled(origin.topic());
    }
}
