package dev.almanac.conflicts.intake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
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

    private final RecordHandling handling;
    private @Nullable PartitionState state;

    ResourceBookingsProcessor(EventCodec codec, ConflictMetrics metrics) {
        this.handling = new RecordHandling(codec, metrics, LoggerFactory.getLogger(ResourceBookingsProcessor.class));
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.state = handling.initPartition(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handling.timed(origin -> book(Objects.requireNonNull(state), record, origin));
    }

    /** A booking and the conflict events it caused. */
    private record Booked(ResourceBookings.BookingRecord booking, List<ConflictChange> changes) {
    }

    private void book(PartitionState state, Record<String, byte[]> record, RecordMetadata origin) {
        Optional<Booked> applied = handling.applied(record, origin, state, () -> {
            ResourceBookings.BookingRecord booking = ResourceBookings.decode(record.value());
            List<ConflictChange> changes = state.trackers().resources().booked(booking.change());
            Escalations.startClocks(state.conflicts(), changes, booking.cause().time());
            return new Booked(booking, changes);
        });
        if (applied.isEmpty()) {
            return;
        }
        List<ConflictChange> changes = applied.get().changes();
        for (ConflictChange change : changes) {
            handling.forward(change, ConflictEventMetadata.of(change, applied.get().booking().cause()), record.timestamp());
        }
        if (!changes.isEmpty()) {
            // The second transaction on the way from the item to its resource's conflict: commit as soon as it can.
            handling.context().commit();
        }
        handling.published(changes);
        handling.handled(origin);
    }
}
