package dev.almanac.platform.kafka;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

import dev.almanac.events.Topics;
import dev.almanac.platform.logging.LogContext;

/**
 * Sends a record its listener gave up on to {@code <topic>.DLT} and counts it in
 * {@code almanac.records.dead.lettered}, by source topic and reason: {@code poison} when a
 * {@link PoisonMessageException} refused it (never retried), {@code error} for anything else
 * that outlasted its retries. The exception's classes and a bounded message are in the DLT record's headers
 * ({@link DeadLetterExceptions}), its stack trace only in the log ({@link DeadLetterLog}).
 */
final class DeadLetterRecoverer extends DeadLetterPublishingRecoverer implements ApplicationListener<ContextRefreshedEvent> {

    static final String METER = "almanac.records.dead.lettered";
    static final String POISON = "poison";
    static final String ERROR = "error";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final @Nullable MeterRegistry meters;

    /** Without a registry (a service without actuator), records are still dead-lettered, uncounted. */
    DeadLetterRecoverer(KafkaOperations<?, ?> template, @Nullable MeterRegistry meters) {
        super(template, DeadLetterRecoverer::deadLetterTopic);
        this.meters = meters;
        // The exception's classes and a bounded message, never the stack trace that spring-kafka writes by default (ADR 0086).
        setExceptionHeadersCreator((headers, failure, isKey, names) -> {
            DeadLetterPublishingRecoverer.HeaderNames.ExceptionInfo info = names.getExceptionInfo();
            if (isKey) {
                DeadLetterExceptions.add(headers, failure, info.getKeyExceptionFqcn(), null, info.getKeyExceptionMessage());
            } else {
                DeadLetterExceptions.add(headers, failure, info.getExceptionFqcn(), info.getExceptionCauseFqcn(), info.getExceptionMessage());
            }
        });
    }

    private static TopicPartition deadLetterTopic(ConsumerRecord<?, ?> record, Exception failure) {
        try (LogContext.Scope ids = LogContext.of(record.headers())) {
            DeadLetterLog.deadLettering(log, record.topic(), record.partition(), record.offset(), failure);
        }
        return new TopicPartition(Topics.deadLetter(record.topic()), -1);
    }

    /** Counts the record only once it is on its DLT: a failed send throws, and the record is retried. */
    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception failure) {
        super.accept(record, consumer, failure);
        if (meters != null) {
            counter(meters, record.topic(), reasonOf(failure)).increment();
        }
    }

    static String reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonMessageException) {
                return POISON;
            }
        }
        return ERROR;
    }

    /**
     * The listener containers exist once the context is refreshed: their topics' counters are
     * registered at zero, so a first dead letter is an increase Prometheus sees, not a series
     * that is born at 1.
     */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent refreshed) {
        refreshed.getApplicationContext().getBeanProvider(ListenerContainerRegistry.class)
                .ifAvailable(registry -> countersAtZero(registry.getAllListenerContainers()));
    }

    void countersAtZero(Collection<? extends MessageListenerContainer> containers) {
        if (meters == null) {
            return;
        }
        for (String topic : topicsOf(containers)) {
            for (String reason : List.of(POISON, ERROR)) {
                counter(meters, topic, reason);
            }
        }
    }

    /** Named topics and assigned partitions' topics; a pattern names none in advance. */
    private static Set<String> topicsOf(Collection<? extends MessageListenerContainer> containers) {
        Set<String> topics = new LinkedHashSet<>();
        for (MessageListenerContainer container : containers) {
            ContainerProperties properties = container.getContainerProperties();
            if (properties.getTopics() != null) {
                topics.addAll(List.of(properties.getTopics()));
            }
            if (properties.getTopicPartitions() != null) {
                for (TopicPartitionOffset partition : properties.getTopicPartitions()) {
                    topics.add(partition.getTopic());
                }
            }
        }
        return topics;
    }

    private static Counter counter(MeterRegistry meters, String topic, String reason) {
        return Counter.builder(METER)
                .description("Records the listeners gave up on and sent to <topic>.DLT, by source topic and reason")
                .tag("topic", topic)
                .tag("reason", reason)
                .register(meters);
    }
}
