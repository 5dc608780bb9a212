package dev.almanac.commands.relay;

import java.util.Optional;

import org.axonframework.eventhandling.EventMessage;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.identity.TenancyMode;
import dev.almanac.platform.kafka.OutgoingEvent;

/**
 * A stored event as the relay publishes it: the same envelope ({@code ce_id}, aggregate version, actor, correlation) and
 * the same decision, so that a republish of the store (dev.almanac.commands.repair) sends records the consumers already
 * hold byte for byte, and ignore.
 */
public record RelayedRecord(EventMetadata metadata, AlmanacEvent event) implements OutgoingEvent {

    /**
     * The record the relay publishes for a stored event, or empty where the relay publishes none for its type; its tenant
     * header as the relay's in {@code tenancy}.
     */
    public static Optional<RelayedRecord> of(EventMessage<?> stored, TenancyMode tenancy) {
        if (!(stored.getPayload() instanceof AlmanacEvent event)) {
            throw new IllegalArgumentException("stored event " + stored.getIdentifier() + " is a " + stored.getPayloadType().getName()
                    + ", not an Almanac event");
        }
        EventMetadata envelope = KafkaRelay.envelopeOf(event, stored, tenancy);
        return RelayDecisions.DECIDER.decide(event, envelope) instanceof Decision.Handle<AlmanacEvent> publish
                ? Optional.of(new RelayedRecord(envelope, publish.work()))
                : Optional.empty();
    }
}
