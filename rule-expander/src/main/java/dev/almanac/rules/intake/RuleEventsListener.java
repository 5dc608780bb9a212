package dev.almanac.rules.intake;

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
 * Consumes {@code almanac.rules.v1}. The listener returns only after the decided work is done
 * (for a new rule: stored, first pass published and recorded), so the container commits the
 * offset after it. A record that cannot be decoded, or whose type has no decision, is
 * dead-lettered by the platform's error handler with the reason.
 */
@Component
class RuleEventsListener {

    static final String LISTENER_ID = "rule-expander-rules";

    private final EventCodec codec;
    private final RuleEvents events;
    private final Duration timeout;

    RuleEventsListener(EventCodec codec, RuleEvents events, MaterialisationSettings settings) {
        this.codec = codec;
        this.events = events;
        this.timeout = settings.handlingTimeout();
    }

    // One consumer per partition by default: a pass waits for its acknowledgements, and while one
    // rule waits the others' passes use the CPU. A rule's events share a partition, so keep their order.
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.RULES, concurrency = "${almanac.rules.intake-consumers:3}")
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        if (events.decider().decide(received) instanceof Decision.Handle<Mono<?>> handle) {
            // A timeout surfaces as a TimeoutException, which the platform retries as an outage rather than dead-lettering.
            handle.work().timeout(timeout).block();
        }
    }
}
