package dev.almanac.rules.materialisation;

import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.platform.kafka.EventPublisher;

/** Publishes occurrences on {@code almanac.occurrences.v1}, keyed by calendar id, through the platform's acknowledged producer. */
@Component
class KafkaOccurrencePublisher implements OccurrencePublisher {

    private final EventPublisher publisher;

    KafkaOccurrencePublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, OccurrenceMaterialized event) {
        return publisher.publish(metadata, event);
    }
}
