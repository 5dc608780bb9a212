package dev.almanac.commands.repair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.almanac.commands.relay.RelayedRecord;
import dev.almanac.platform.identity.IdentityProperties;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.kafka.EventPublisher;

/**
 * Republishes stored events to their topics exactly as the relay published them: the same key, value, {@code ce_id} and
 * aggregate version. Every consumer applies an entity's event only over an older version of it (ADR 0057), so a record
 * it already holds changes nothing, and one it lost (a read-model document deleted, a record dead-lettered and since
 * fixed) is applied again. The relay's own position is not touched: this is a second, one-off reader.
 *
 * <p>Reads go through the storage engine: a sequence or time range as the relay reads (by global index, from a token),
 * one aggregate by its stream. Records are sent in chunks, each acknowledged by Kafka ({@code acks=all}) before the next
 * is read, so a failure stops the run and says how far it got; running it again sends the same records, which changes
 * nothing more.
 */
@Component
public class EventStoreRepublisher {

    private static final Logger log = LoggerFactory.getLogger(EventStoreRepublisher.class);
    private static final int CHUNK = 500;
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final EventStorageEngine engine;
    private final EventPublisher publisher;
    /** The relay's: a republished record carries the same tenant header as the relay's did. */
    private final TenancyMode tenancy;
    private final Counter republished;
    private final AtomicBoolean running = new AtomicBoolean();

    @Autowired
    EventStoreRepublisher(EventStorageEngine engine, EventPublisher publisher, MeterRegistry meters, IdentityProperties identity) {
        this(engine, publisher, meters, identity.tenancy());
    }

    EventStoreRepublisher(EventStorageEngine engine, EventPublisher publisher, MeterRegistry meters, TenancyMode tenancy) {
        this.tenancy = tenancy;
        this.engine = engine;
        this.publisher = publisher;
        this.republished = Counter.builder("almanac.repair.republished.events")
                .description("Stored events republished to Kafka by the republish command and acknowledged").register(meters);
    }

    /**
     * @throws IllegalStateException when another republish is running in this process
     * @throws RepublishFailedException when Kafka did not acknowledge a chunk; what was acknowledged before stays sent
     */
    public RepublishReport republish(RepublishRange range, boolean dryRun) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a republish is already running in this process");
        }
        long started = System.nanoTime();
        try {
            Tally tally = new Tally(dryRun);
            if (range.aggregateId() != null && !range.bySequence()) {
                readAggregate(range, tally);
            } else {
                readRange(range, tally);
            }
            tally.flush();
            RepublishReport report = new RepublishReport(tally.read, tally.published, tally.notRelayed, tally.firstSequence,
                    tally.lastSequence, dryRun, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            log.info("Republish of {}: {}", range, report);
            return report;
        } finally {
            running.set(false);
        }
    }

    private void readAggregate(RepublishRange range, Tally tally) {
        DomainEventStream stream = engine.readEvents(range.aggregateId());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (range.holdsTime(event.getTimestamp())) {
                tally.take(event, null);
            }
        }
    }

    /** From just before the range's first event to the last one stored when the run started, or the range's end. */
    private void readRange(RepublishRange range, Tally tally) {
        long head = indexOf(engine.createHeadToken());
        long last = head;
        long before;
        if (range.bySequence()) {
            before = range.fromSequence() == null ? 0 : range.fromSequence() - 1;
            if (range.toSequence() != null) {
                last = Math.min(last, range.toSequence());
            }
        } else {
            before = range.from() == null ? 0 : indexOf(engine.createTokenAt(range.from()));
            if (range.to() != null) {
                last = Math.min(last, indexOf(engine.createTokenAt(range.to())));
            }
        }
        TrackingToken position = before <= 0 ? null : GapAwareTrackingToken.newInstance(before, Collections.emptySet());
        while (true) {
            long reached = before;
            try (Stream<? extends TrackedEventMessage<?>> stored = engine.readEvents(position, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stored.iterator();
                while (events.hasNext()) {
                    TrackedEventMessage<?> event = events.next();
                    long index = indexOf(event.trackingToken());
                    if (index > last) {
                        return;
                    }
                    reached = index;
                    position = event.trackingToken();
                    String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
                    if (range.holdsAggregate(aggregate) && range.holdsTime(event.getTimestamp())) {
                        tally.take(event, index);
                    }
                }
            }
            // A read ends after the engine's last batch; read on from where it stopped until the range is done.
            if (reached == before || reached >= last) {
                return;
            }
            before = reached;
        }
    }

    private static long indexOf(@Nullable TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /** The records of the run so far, sent a chunk at a time. */
    private final class Tally {

        private final boolean dryRun;
        private final List<RelayedRecord> pending = new ArrayList<>();
        private long read;
        private long published;
        private long notRelayed;
        private @Nullable Long firstSequence;
        private @Nullable Long lastSequence;

        private Tally(boolean dryRun) {
            this.dryRun = dryRun;
        }

        void take(EventMessage<?> event, @Nullable Long sequence) {
            read++;
            if (sequence != null) {
                if (firstSequence == null) {
                    firstSequence = sequence;
                }
                lastSequence = sequence;
            }
            RelayedRecord.of(event, tenancy).ifPresentOrElse(pending::add, () -> notRelayed++);
            if (pending.size() >= CHUNK) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            if (!dryRun) {
                try {
                    publisher.publishAll(pending).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RepublishFailedException("interrupted while waiting for Kafka; " + published + " records were sent before", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new RepublishFailedException("Kafka did not acknowledge " + pending.size() + " records; " + published
                            + " records were sent before them", e);
                }
                published += pending.size();
                republished.increment(pending.size());
            }
            pending.clear();
        }
    }

    /** Kafka did not acknowledge a chunk: the run stopped there. */
    public static class RepublishFailedException extends RuntimeException {

        RepublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
