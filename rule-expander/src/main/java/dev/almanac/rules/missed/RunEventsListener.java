package dev.almanac.rules.missed;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.Topics;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.rules.materialisation.MaterialisationSettings;

/**
 * Consumes what tells the missed-run check an occurrence is accounted for: each run report of {@code almanac.runs.v1},
 * and each occurrence the dispatcher skipped on {@code almanac.dispatch.v1}, recorded before the offset is committed.
 * A record that cannot be decoded, or whose type has no decision, is dead-lettered by the platform's error handler
 * with the reason.
 */
@Component
class RunEventsListener {

    static final String LISTENER_ID = "rule-expander-runs";
    static final String DISPATCH_LISTENER_ID = "rule-expander-dispatch";

    private final EventCodec codec;
    private final RunEvents events;
    private final DispatchDecisions decisions;
    private final Duration timeout;

    RunEventsListener(EventCodec codec, RunEvents events, DispatchDecisions decisions, MaterialisationSettings settings) {
        this.codec = codec;
        this.events = events;
        this.decisions = decisions;
        this.timeout = settings.handlingTimeout();
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.RUNS)
    void on(ConsumerRecord<String, byte[]> record) {
        handle(events.decider(), record);
    }

    @KafkaListener(id = DISPATCH_LISTENER_ID, idIsGroup = false, topics = Topics.DISPATCH)
    void onDispatch(ConsumerRecord<String, byte[]> record) {
        handle(decisions.decider(), record);
    }

    private void handle(EventDecider<Mono<?>> decider, ConsumerRecord<String, byte[]> record) {
        if (decider.decide(codec.fromRecord(record)) instanceof Decision.Handle<Mono<?>> handle) {
            handle.work().timeout(timeout).block();
        }
    }
}
