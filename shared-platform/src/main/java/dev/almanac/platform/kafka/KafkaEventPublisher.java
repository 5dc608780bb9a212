package dev.almanac.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Publishes through the idempotent, {@code acks=all} producer, on the event's topic and key, and on its copy topic where one
 * carries it too ({@link EventCodec#toRecords}); the future completes when every record is acknowledged.
 */
public class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final EventCodec codec;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> template, EventCodec codec) {
        this.template = template;
        this.codec = codec;
    }

    @Override
    public CompletableFuture<?> publish(EventMetadata metadata, AlmanacEvent event) {
        List<ProducerRecord<String, byte[]>> records = codec.toRecords(metadata, event);
        if (records.size() == 1) {
            return template.send(records.get(0));
        }
        return CompletableFuture.allOf(records.stream().map(template::send).toArray(CompletableFuture[]::new));
    }

    /**
     * Hands the records straight to the template's producer, with one callback that counts the
     * acknowledgements, instead of a future per record that the caller then joins: rule-expander
     * publishes a rule's whole horizon at once, millions of records at a cold start, and the
     * template's per-send timer, observation and future cost about a tenth of its CPU (ADR 0031).
     * Only the template's own send metrics and failure log miss these records; the caller sees
     * every failure.
     */
    @Override
    public CompletableFuture<?> publishAll(List<? extends OutgoingEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (OutgoingEvent outgoing : events) {
            records.addAll(codec.toRecords(outgoing.metadata(), outgoing.event()));
        }
        AllAcknowledged acknowledgement = new AllAcknowledged(records.size());
        template.execute(producer -> {
            records.forEach(record -> producer.send(record, acknowledgement));
            return null;
        });
        return acknowledgement.future();
    }

    /** One callback for many sends: completes when all of them are acknowledged, or fails with the first failure. */
    public static final class AllAcknowledged implements Callback {

        private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        private final AtomicInteger unacknowledged;

        public AllAcknowledged(int sends) {
            this.unacknowledged = new AtomicInteger(sends);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, @Nullable Exception failure) {
            if (failure != null) {
                acknowledged.completeExceptionally(failure);
            } else if (unacknowledged.decrementAndGet() == 0) {
                acknowledged.complete(null);
            }
        }

        public CompletableFuture<Void> future() {
            return acknowledged;
        }
    }
}
