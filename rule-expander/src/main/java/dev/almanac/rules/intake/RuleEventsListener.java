package dev.almanac.rules.intake;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Topics;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.rules.materialisation.MaterialisationSettings;

/**
 * Consumes {@code almanac.rules.v1}, a poll at a time. The listener returns only after the decided
 * work of every record is done (for a new rule: stored, first pass published and recorded), so the
 * container commits the poll's offsets after it. Several rules' work runs at once, each rule's
 * events in their order ({@link KeyOrderedRuns}). A record that cannot be decoded, whose type has
 * no decision, or whose work fails is reported to the platform's error handler by its place in the
 * poll: the records before it are committed, it is retried or dead-lettered with the reason as a
 * record alone would be, and the records after it are delivered again.
 */
@Component
class RuleEventsListener {

    static final String LISTENER_ID = "rule-expander-rules";

    private final EventCodec codec;
    private final RuleEvents events;
    private final Duration timeout;
    private final int parallelRules;

    RuleEventsListener(EventCodec codec, RuleEvents events, MaterialisationSettings settings,
                       @Value("${almanac.rules.intake-parallel-rules:4}") int parallelRules) {
        this.codec = codec;
        this.events = events;
        this.timeout = settings.handlingTimeout();
        this.parallelRules = parallelRules;
    }

    // One consumer per partition by default, each with a few rules under way: a pass waits for its acknowledgements,
    // and while one rule waits the others' passes use the CPU. A rule's events share a partition, and keep their order.
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.RULES, batch = "true",
            concurrency = "${almanac.rules.intake-consumers:3}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<String> keys = records.stream().map(ConsumerRecord::key).toList();
        KeyOrderedRuns.run(keys, parallelRules, index -> work(records.get(index))).ifPresent(failure -> {
            // The cause's own message, which the dead-letter headers carry as the reason.
            throw new BatchListenerFailedException(Objects.toString(failure.cause().getMessage(), failure.cause().toString()),
                    failure.cause(), failure.index());
        });
    }

    private Mono<?> work(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        if (events.decider().decide(received) instanceof Decision.Handle<Mono<?>> handle) {
            // A timeout surfaces as a TimeoutException, which the platform retries as an outage rather than dead-lettering.
            return handle.work().timeout(timeout);
        }
        return Mono.empty();
    }
}
