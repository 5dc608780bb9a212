package dev.almanac.platform.kafka;

import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Publishes events through the idempotent, {@code acks=all} producer. The returned future
 * completes when Kafka has acknowledged the record; callers that must not lose an event
 * advance their own position only after it completes.
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final EventCodec codec;

    public EventPublisher(KafkaTemplate<String, byte[]> template, EventCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    public CompletableFuture<SendResult<String, byte[]>> publish(EventMetadata metadata, AlmanacEvent event) {
        return template.send(codec.toRecord(metadata, event));
    }
}
