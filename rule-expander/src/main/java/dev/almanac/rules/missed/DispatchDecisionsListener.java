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
 * Consumes {@code almanac.dispatch.v1}: records each occurrence the dispatcher skipped before the offset is committed.
 * A record that cannot be decoded is dead-lettered by the platform's error handler with the reason.
 */
@Component
class DispatchDecisionsListener {

    static final String LISTENER_ID = "rule-expander-dispatch";

    private final EventCodec codec;
    private final DispatchDecisions decisions;
    private final Duration timeout;

    DispatchDecisionsListener(EventCodec codec, DispatchDecisions decisions, MaterialisationSettings settings) {
        this.codec = codec;
        this.decisions = decisions;
        this.timeout = settings.handlingTimeout();
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.DISPATCH)
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        if (decisions.decider().decide(received) instanceof Decision.Handle<Mono<?>> handle) {
            handle.work().timeout(timeout).block();
        }
    }
}
