package dev.almanac.rules.intake;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.rules.materialisation.MaterialisationSettings;

/**
 * Consumes {@code almanac.rules.v1}. The listener returns only after the rule is stored and its
 * first pass is published and recorded, so the container commits the offset after them. A
 * record that cannot be decoded is dead-lettered by the platform's error handler; rule events
 * this service does not act on are skipped.
 */
@Component
class RuleEventsListener {

    static final String LISTENER_ID = "rule-expander-rules";

    private static final Logger log = LoggerFactory.getLogger(RuleEventsListener.class);

    private final EventCodec codec;
    private final RuleCreatedHandler ruleCreated;
    private final Duration timeout;

    RuleEventsListener(EventCodec codec, RuleCreatedHandler ruleCreated, MaterialisationSettings settings) {
        this.codec = codec;
        this.ruleCreated = ruleCreated;
        this.timeout = settings.handlingTimeout();
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.RULES)
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        if (received.event() instanceof RuleCreated created) {
            // A timeout surfaces as a TimeoutException, which the platform retries as an outage rather than dead-lettering.
            ruleCreated.handle(received.metadata(), created).timeout(timeout).block();
        } else {
            log.debug("Skipping {} {}: rule-expander does not act on it", received.metadata().type(), received.metadata().id());
        }
    }
}
