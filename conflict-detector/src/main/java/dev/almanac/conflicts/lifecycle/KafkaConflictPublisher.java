package dev.almanac.conflicts.lifecycle;

import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;

/** Publishes conflict events on {@code almanac.conflicts.v1} through the platform's acknowledged producer. */
@Component
class KafkaConflictPublisher implements ConflictPublisher {

    private final EventPublisher publisher;

    KafkaConflictPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        return publisher.publish(metadata, event);
    }
}
