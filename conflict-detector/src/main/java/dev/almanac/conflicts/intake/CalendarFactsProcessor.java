package dev.almanac.conflicts.intake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.calendar.CalendarStore;
import dev.almanac.conflicts.lifecycle.BookingChange;
import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.lifecycle.Fact;
import dev.almanac.conflicts.lifecycle.LinkSideChange;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Handles one partition's calendar, schedule and occurrence records in their order: decodes
 * each as every consumer does, decides it, applies the fact to the partition's stores and
 * forwards the conflict events it causes to {@code almanac.conflicts.v1}, the bookings of
 * resources that the entry's change makes to the resources' partitions ({@link ResourceBookings}), and
 * the sides of the links it takes part in to their primaries' partitions ({@link LinkSides}), and a calendar's
 * changed owner or grants to every instance ({@link CalendarAccessCopies}).
 * Exactly-once processing commits the stores, the forwarded records and the input offsets together.
 *
 * <p>A record that fails on its own merits goes to {@code <topic>.DLT} with the reason, and
 * none of its writes are kept. A failure of Kafka or of a store is thrown, so that Kafka
 * Streams aborts the transaction and the record is handled again once the cause is gone.
 */
final class CalendarFactsProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CalendarFactsProcessor.class);

    private final FactRouter router;
    private final RecordHandling handling;
    private @Nullable PartitionState state;

    CalendarFactsProcessor(EventCodec codec, FactRouter router, ConflictMetrics metrics) {
        this.router = router;
        this.handling = new RecordHandling(codec, metrics, log);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.state = handling.initPartition(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        handling.timed(origin -> applyFact(Objects.requireNonNull(state), record, origin));
    }

    /** What one fact did: the conflict events it caused, and what it tells other partitions and instances. */
    private record Applied(EventMetadata cause, List<ConflictChange> changes, List<BookingChange> bookings,
                           List<LinkSideChange> linkSides, List<CalendarStore.AccessChange> accessChanges) {
    }

    private void applyFact(PartitionState state, Record<String, byte[]> record, RecordMetadata origin) {
        Optional<Applied> handled = handling.applied(record, origin, state, () -> {
            ReceivedEvent received = handling.decode(record, origin);
            requireCalendarKey(record.key(), received);
            List<ConflictChange> changes = router.decide(received) instanceof Decision.Handle<Fact> handle
                    ? handle.work().applyTo(state.trackers())
                    : List.of();
            Escalations.startClocks(state.conflicts(), changes, received.metadata().time());
            return new Applied(received.metadata(), changes, state.takeBookings(), state.takeLinkSides(), state.takeAccessChanges());
        }, failure -> {
            if (!(failure instanceof PoisonMessageException)) {
                // Deterministic handling fails the same way on every retry, so the record is set aside at once.
                log.error("Handling {}-{}@{} failed; dead-lettering it", origin.topic(), origin.partition(), origin.offset(), failure);
            }
        });
        if (handled.isEmpty()) {
            return;
        }
        Applied applied = handled.get();
        ProcessorContext<String, byte[]> context = handling.context();
        for (ConflictChange change : applied.changes()) {
            handling.forward(change, ConflictEventMetadata.of(change, applied.cause()), record.timestamp());
        }
        for (BookingChange booking : applied.bookings()) {
            ResourceBookings.BookingRecord sent = ResourceBookings.BookingRecord.of(booking, applied.cause());
            context.forward(new Record<>(sent.key(), ResourceBookings.encode(sent), record.timestamp(), new RecordHeaders()),
                    ConflictTopology.BOOKINGS_SINK);
        }
        for (LinkSideChange side : applied.linkSides()) {
            LinkSides.LinkSideRecord sent = LinkSides.LinkSideRecord.of(side, applied.cause());
            context.forward(new Record<>(sent.key(), LinkSides.encode(sent), record.timestamp(), new RecordHeaders()),
                    ConflictTopology.LINKS_SINK);
        }
        forwardAccess(context, applied.accessChanges(), record.timestamp());
        if (!applied.bookings().isEmpty() || !applied.linkSides().isEmpty()) {
            // The resource's or pair's task sees a booking or side only once this transaction commits; asking for the
            // commit now saves the wait for the commit interval. Requests made while a batch is handled end in one commit.
            context.commit();
        }
        handling.published(applied.changes());
        handling.handled(origin);
    }

    /** Copies each calendar's changed owner and grants to the global store of every instance (ADR 0030). */
    static void forwardAccess(ProcessorContext<String, byte[]> context, List<CalendarStore.AccessChange> changes, long timestamp) {
        for (CalendarStore.AccessChange change : changes) {
            CalendarAccessCopies.AccessRecord sent = CalendarAccessCopies.AccessRecord.of(change);
            context.forward(new Record<>(sent.key(), CalendarAccessCopies.encode(sent), timestamp, new RecordHeaders()),
                    ConflictTopology.ACCESS_SINK);
        }
    }

    /**
     * A calendar's state lives with the partition of its id, and a resource's with that of its own.
     * A record keyed otherwise would put the calendar's entries on two partitions, where neither sees
     * them all.
     */
    private static void requireCalendarKey(@Nullable String key, ReceivedEvent received) {
        String calendar = received.event().partitionKey();
        if (!calendar.equals(key)) {
            throw new PoisonMessageException("record key " + key + " is not the calendar id " + calendar
                    + " that " + received.metadata().type() + " is partitioned by");
        }
    }
}
