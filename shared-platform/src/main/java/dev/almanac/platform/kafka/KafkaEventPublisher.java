package dev.almanac.platform.kafka;

import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/** Publishes through the idempotent, {@code acks=all} producer, on the event's topic and key. */
public class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final EventCodec codec;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> template, EventCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        return template.send(codec.toRecord(metadata, event));
    }
}
