package dev.almanac.platform.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Publishes an event in its envelope. The future completes when the broker has acknowledged
 * the record; a caller that must not lose an event advances its own position only after that.
 */
@FunctionalInterface
public interface EventPublisher {

    CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event);

    /**
     * Publishes {@code events} in their order. The future completes when the broker has
     * acknowledged every one of them, or fails as soon as one fails.
     */
    default CompletableFuture<?> publishAll(List<? extends OutgoingEvent> events) {
        return CompletableFuture.allOf(events.stream()
                .map(outgoing -> publish(outgoing.metadata(), outgoing.event()))
                .toArray(CompletableFuture[]::new));
    }
}
