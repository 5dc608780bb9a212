package dev.almanac.conflicts.intake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
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

    private final EventCodec codec;
    private final FactRouter router;
    private final ConflictMetrics metrics;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable PartitionState state;

    CalendarFactsProcessor(EventCodec codec, FactRouter router, ConflictMetrics metrics) {
        this.codec = codec;
        this.router = router;
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
        RecordMetadata origin = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
        Timer.Sample sample = metrics.startHandling();
        try {
            handle(context, Objects.requireNonNull(state), record, origin);
        } finally {
            metrics.stopHandling(sample, origin.topic());
        }
    }

    private void handle(ProcessorContext<String, byte[]> context, PartitionState state, Record<String, byte[]> record,
                        RecordMetadata origin) {
        ReceivedEvent received;
        List<ConflictChange> changes;
        List<BookingChange> bookings;
        List<LinkSideChange> linkSides;
        List<CalendarStore.AccessChange> accessChanges;
        try {
            received = codec.fromRecord(consumed(record, origin));
            requireCalendarKey(record.key(), received);
            changes = router.decide(received) instanceof Decision.Handle<Fact> handle
                    ? handle.work().applyTo(state.trackers())
                    : List.of();
            Escalations.startClocks(state.conflicts(), changes, received.metadata().time());
            bookings = state.takeBookings();
            linkSides = state.takeLinkSides();
            accessChanges = state.takeAccessChanges();
            state.commit();
        } catch (PoisonMessageException poison) {
            state.discard();
            deadLetter(context, record, origin, poison);
            return;
        } catch (KafkaException outage) {
            state.discard();
            throw outage;
        } catch (RuntimeException failure) {
            // Deterministic handling fails the same way on every retry, so the record is set aside at once.
            state.discard();
            log.error("Handling {}-{}@{} failed; dead-lettering it", origin.topic(), origin.partition(), origin.offset(), failure);
            deadLetter(context, record, origin, failure);
            return;
        }
        for (ConflictChange change : changes) {
            forward(context, change, received.metadata(), record.timestamp());
        }
        for (BookingChange booking : bookings) {
            ResourceBookings.BookingRecord sent = ResourceBookings.BookingRecord.of(booking, received.metadata());
            context.forward(new Record<>(sent.key(), ResourceBookings.encode(sent), record.timestamp(), new RecordHeaders()),
                    ConflictTopology.BOOKINGS_SINK);
        }
        for (LinkSideChange side : linkSides) {
            LinkSides.LinkSideRecord sent = LinkSides.LinkSideRecord.of(side, received.metadata());
            context.forward(new Record<>(sent.key(), LinkSides.encode(sent), record.timestamp(), new RecordHeaders()),
                    ConflictTopology.LINKS_SINK);
        }
        forwardAccess(context, accessChanges, record.timestamp());
        if (!bookings.isEmpty() || !linkSides.isEmpty()) {
            // The resource's or pair's task sees a booking or side only once this transaction commits; asking for the
            // commit now saves the wait for the commit interval. Requests made while a batch is handled end in one commit.
            context.commit();
        }
        metrics.published(changes);
        metrics.handled(origin.topic());
    }

    /** Copies each calendar's changed owner and grants to the global store of every instance (ADR 0030). */
    static void forwardAccess(ProcessorContext<String, byte[]> context, List<CalendarStore.AccessChange> changes, long timestamp) {
        for (CalendarStore.AccessChange change : changes) {
            CalendarAccessCopies.AccessRecord sent = CalendarAccessCopies.AccessRecord.of(change);
            context.forward(new Record<>(sent.key(), CalendarAccessCopies.encode(sent), timestamp, new RecordHeaders()),
                    ConflictTopology.ACCESS_SINK);
        }
    }

    /** The record as a consumer would have received it, so that decoding is the platform's, unchanged. */
    private static ConsumerRecord<String, byte[]> consumed(Record<String, byte[]> record, RecordMetadata origin) {
        return new ConsumerRecord<>(origin.topic(), origin.partition(), origin.offset(), record.timestamp(),
                TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                record.headers(), Optional.empty());
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

    /** The record timestamp is the cause's, so a replay produces identical records. */
    private void forward(ProcessorContext<String, byte[]> context, ConflictChange change, EventMetadata cause, long timestamp) {
        ProducerRecord<String, byte[]> event = codec.toRecord(ConflictEventMetadata.of(change, cause), change.event());
        context.forward(new Record<>(event.key(), event.value(), timestamp, event.headers()), ConflictTopology.CONFLICTS_SINK);
    }

    private void deadLetter(ProcessorContext<String, byte[]> context, Record<String, byte[]> record, RecordMetadata origin,
                            RuntimeException failure) {
        DeadLetters.setAside(context, record, origin, failure, log, metrics);
    }
}
