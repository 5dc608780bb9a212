package dev.almanac.commands.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Tenant;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.identity.IdentityProperties;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.kafka.OutgoingEvent;

/**
 * Publishes every stored event to its Kafka topic in the CloudEvents envelope. It runs in a
 * tracking processor over the event store: the batch's events are handed to the producer
 * together, in their order, when the batch is about to commit, and the batch's transaction,
 * which stores the processor's token, commits only after Kafka has acknowledged all of them. A
 * failed send rolls the batch back and the processor retries it, so no event is skipped; a retry
 * may publish an event twice, with the same {@code ce_id}, which consumers ignore.
 *
 * <p>The batch goes through {@link EventPublisher#publishAll}, one callback for all its records,
 * rather than a template send, timer, observation and future per event (ADR 0031).
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    static final String SOURCE = "/almanac/command-service";

    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final EventPublisher publisher;
    private final TenancyMode tenancy;
    private final Counter relayed;
    private final Timer acknowledged;
    private final Timer failed;

    @Autowired
    KafkaRelay(EventPublisher publisher, MeterRegistry meters, IdentityProperties identity) {
        this(publisher, meters, identity.tenancy());
    }

    KafkaRelay(EventPublisher publisher, MeterRegistry meters, TenancyMode tenancy) {
        this.publisher = publisher;
        this.tenancy = tenancy;
        this.relayed = Counter.builder("almanac.relay.events")
                .description("Events published to Kafka and acknowledged").register(meters);
        // The relay bypasses the template's per-send timer (ADR 0031): this is its latency and failure signal.
        this.acknowledged = batches(meters, "acknowledged");
        this.failed = batches(meters, "failed");
    }

    private static Timer batches(MeterRegistry meters, String outcome) {
        return Timer.builder("almanac.relay.batches")
                .description("A batch of stored events, from its hand-over to the producer until Kafka acknowledged all of them"
                        + " or the relay gave up; a failed batch rolls back and is retried")
                .tag("outcome", outcome)
                // Buckets, so that Prometheus can take percentiles over instances; none waits longer than the timeout.
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(ACK_TIMEOUT_SECONDS))
                .register(meters);
    }

    /**
     * Every stored type is decided in {@link RelayDecisions}. A type without a decision throws,
     * which stops the batch and retries it: the relay halts rather than skip an event.
     */
    /**
     * Every stored event: an aggregate's (a domain event, whose sequence is its version) and one stored by itself, such as a
     * refused command's record ({@code CommandRefused}, ADR 0081), read back as a plain event message, at version 0.
     */
    @EventHandler
    void relay(AlmanacEvent event, EventMessage<?> message) {
        EventMetadata envelope = envelopeOf(event, message, tenancy);
        if (RelayDecisions.DECIDER.decide(event, envelope) instanceof Decision.Handle<AlmanacEvent> publish) {
            eventsOfThisBatch().add(new Outgoing(envelope, publish.work()));
        }
    }

    private record Outgoing(EventMetadata metadata, AlmanacEvent event) implements OutgoingEvent {
    }

    static EventMetadata envelopeOf(AlmanacEvent event, DomainEventMessage<?> message) {
        return envelopeOf(event, (EventMessage<?>) message, TenancyMode.SINGLE);
    }

    /**
     * The event's envelope. In multi-tenant mode it names the tenant ({@code almanac_tenant}, ADR 0102): an aggregate's
     * event is the tenant's its subject (the aggregate's id) begins with, or else its key (its calendar's id); an event stored
     * by itself, a refused command's record, is the tenant's the command acted in. None in single-tenant mode, where an
     * id's {@code :} names no tenant.
     */
    static EventMetadata envelopeOf(AlmanacEvent event, EventMessage<?> message, TenancyMode tenancy) {
        long version = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        Object actor = message.getMetaData().get(CommandMetadata.ACTOR);
        Object correlationId = message.getMetaData().get(CommandMetadata.CORRELATION_ID);
        Object causationId = message.getMetaData().get(CommandMetadata.CAUSATION_ID);
        Object traceparent = message.getMetaData().get(CommandMetadata.TRACEPARENT);
        return new EventMetadata(
                message.getIdentifier(),
                EventCatalog.of(event).ceType(),
                SOURCE,
                message.getTimestamp(),
                event.subject(),
                version,
                actor == null ? "system" : actor.toString(),
                correlationId == null ? message.getIdentifier() : correlationId.toString(),
                traceparent == null ? null : traceparent.toString(),
                causationId == null ? null : causationId.toString(),
                tenancy == TenancyMode.MULTI ? tenantOf(event, message) : null);
    }

    private static @Nullable Tenant tenantOf(AlmanacEvent event, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?>)) {
            Object acting = message.getMetaData().get(CommandMetadata.ACTOR_TENANT);
            return acting == null ? null : Tenant.of(acting.toString());
        }
        return Tenant.ofId(event.subject()).or(() -> Tenant.ofId(event.partitionKey())).orElse(null);
    }

    private List<Outgoing> eventsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Outgoing> pending = new ArrayList<>();
            batch.onPrepareCommit(committing -> publishAndAwaitAcknowledgements(pending));
            return pending;
        });
    }

    private void publishAndAwaitAcknowledgements(List<Outgoing> pending) {
        long started = System.nanoTime();
        boolean allAcknowledged = false;
        try {
            publisher.publishAll(pending).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            allAcknowledged = true;
            relayed.increment(pending.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailedException("interrupted while waiting for Kafka to acknowledge", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailedException("Kafka did not acknowledge " + pending.size() + " events; the batch will be retried", e);
        } finally {
            (allAcknowledged ? acknowledged : failed).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    static class RelayFailedException extends RuntimeException {

        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
