package dev.almanac.rules.missed;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Topics;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.rules.materialisation.MaterialisationSettings;

/**
 * Consumes {@code almanac.runs.v1}: records each occurrence's run report before the offset is
 * committed. A record that cannot be decoded, or whose type has no decision, is dead-lettered by
 * the platform's error handler with the reason.
 */
@Component
class RunEventsListener {

    static final String LISTENER_ID = "rule-expander-runs";

    private final EventCodec codec;
    private final RunEvents events;
    private final Duration timeout;

    RunEventsListener(EventCodec codec, RunEvents events, MaterialisationSettings settings) {
        this.codec = codec;
        this.events = events;
        this.timeout = settings.handlingTimeout();
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.RUNS)
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        if (events.decider().decide(received) instanceof Decision.Handle<Mono<?>> handle) {
            handle.work().timeout(timeout).block();
        }
    }
}
