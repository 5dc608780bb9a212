package dev.almanac.dispatch.deliver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.Topics;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Sends the deliveries the stream decided, off the stream threads: a plain consumer of {@value DeliverTopics#DUE}
 * ({@code read_committed}) and a transactional producer. Before a delivery is handed to its channel, a marker for it
 * commits on {@value DeliverTopics#SENDING}; then it is sent with retries and exponential backoff (resilience4j), and its
 * outcome lines (each failed attempt, then sent or dead-lettered), the marker's deletion and its input offset commit in
 * one transaction. A restart resumes after the last delivery whose outcome committed; a delivery whose marker is still
 * there was being handed over when the process died and may have been sent: it is recorded {@code unconfirmed} and not
 * sent again, so that nothing is ever sent twice (ADR 0078). {@code threads} senders share the partitions as members of
 * one group, each with its own producer; a receiver that keeps failing holds back only the partitions of one thread.
 */
final class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    private static final String UNCONFIRMED_DETAIL =
            "the sender stopped while handing it over; perhaps sent, not sent again so that it is not sent twice";

    private final Map<String, Object> consumerProperties;
    private final String transactionalIdPrefix;
    private final Map<String, Object> producerProperties;
    private final int threads;
    private final Map<DeliveryChannel, Channel> channels;
    private final RetryConfig retry;
    private final Outcomes outcomes;
    private final Clock clock;
    private final JsonMapper json = AlmanacJson.eventMapper();
    private volatile boolean running;
    private final List<Thread> senders = new CopyOnWriteArrayList<>();
    private final List<KafkaConsumer<String, byte[]>> consumers = new CopyOnWriteArrayList<>();

    /** @param clientSecurity the service's SASL settings on a secured cluster ({@code KafkaClientSecurity}), else empty */
    DeliverySender(String bootstrapServers, Map<String, Object> clientSecurity, String applicationId, Map<DeliveryChannel, Channel> channels,
                   int maxAttempts, Duration firstBackoff, int threads, EventCodec codec, Clock clock) {
        this.threads = threads;
        this.consumerProperties = withSecurity(clientSecurity, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-sender",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // A transactional id of its own per thread and start: fencing of a predecessor is by the group's generation (KIP-447).
        this.transactionalIdPrefix = applicationId + "-sender-" + UUID.randomUUID() + "-";
        this.producerProperties = withSecurity(clientSecurity, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // No transaction spans a send: one a killed sender left open holds readers back only this long.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.channels = Map.copyOf(channels);
        this.retry = RetryConfig.custom().maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                // A webhook refused for where it points would be refused again.
                .ignoreExceptions(WebhookAddresses.Refused.class).build();
        this.outcomes = new Outcomes(codec);
        this.clock = clock;
    }

    private static Map<String, Object> withSecurity(Map<String, Object> clientSecurity, Map<String, Object> properties) {
        Map<String, Object> combined = new HashMap<>(clientSecurity);
        combined.putAll(properties);
        return Map.copyOf(combined);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            int number = i;
            Thread sender = new Thread(() -> run(number), "deliverer-sender-" + number);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread sender : senders) {
            try {
                sender.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        senders.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run(int number) {
        Map<String, Object> producing = new HashMap<>(producerProperties);
        producing.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + number);
        while (running) {
            KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(consumerProperties);
            consumers.add(reading);
            try (reading; KafkaProducer<String, byte[]> writing = new KafkaProducer<>(producing)) {
                writing.initTransactions();
                Map<Integer, Set<String>> interrupted = new HashMap<>();
                reading.subscribe(Set.of(DeliverTopics.DUE), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        partitions.forEach(partition -> interrupted.remove(partition.partition()));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        partitions.forEach(partition -> interrupted.put(partition.partition(), interruptedOn(partition.partition())));
                    }
                });
                while (running) {
                    ConsumerRecords<String, byte[]> records = reading.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        Map<TopicPartition, OffsetAndMetadata> consumed =
                                Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                        List<ProducerRecord<String, byte[]>> lines = deliver(record,
                                interrupted.getOrDefault(record.partition(), new HashSet<>()), marker -> {
                            writing.beginTransaction();
                            writing.send(marker);
                            writing.commitTransaction();
                        });
                        writing.beginTransaction();
                        lines.forEach(writing::send);
                        writing.sendOffsetsToTransaction(consumed, reading.groupMetadata());
                        writing.commitTransaction();
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException failure) {
                if (!running) {
                    return;
                }
                // Fenced, or the broker away: start over from the committed offsets, after a pause that spares the broker.
                log.error("The deliverer's sender failed; it starts over from its committed offsets", failure);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumers.remove(reading);
            }
        }
    }

    /**
     * Sends one delivery, with retries, unless a marker says an earlier sender was handing it over when it died: its
     * outcome lines, one per notification it carries, and the marker's deletion. {@code marking} commits the marker first.
     */
    List<ProducerRecord<String, byte[]>> deliver(ConsumerRecord<String, byte[]> record, Set<String> interrupted,
                                                 Consumer<ProducerRecord<String, byte[]>> marking) {
        List<ProducerRecord<String, byte[]>> lines = new ArrayList<>();
        Delivery delivery;
        try {
            delivery = json.readValue(record.value(), Delivery.class);
        } catch (RuntimeException unreadable) {
            log.error("A delivery at {}-{}@{} cannot be read; set aside", record.topic(), record.partition(), record.offset(), unreadable);
            lines.add(new ProducerRecord<>(Topics.deadLetter(DeliverTopics.DUE), record.key(), record.value()));
            return lines;
        }
        String id = delivery.deliveryId();
        ProducerRecord<String, byte[]> unmark = new ProducerRecord<>(DeliverTopics.SENDING, record.partition(), id, null);
        if (interrupted.remove(id)) {
            log.warn("Delivery {} on {} was being sent when a sender stopped; recorded unconfirmed, not sent again", id, delivery.channel());
            lines.addAll(each(delivery, DeliveryOutcome.UNCONFIRMED, 1, UNCONFIRMED_DETAIL));
            lines.add(unmark);
            return lines;
        }
        marking.accept(new ProducerRecord<>(DeliverTopics.SENDING, record.partition(), id,
                clock.instant().toString().getBytes(StandardCharsets.UTF_8)));
        Channel channel = channels.get(delivery.channel());
        Retry attempts = Retry.of(id, retry);
        attempts.getEventPublisher().onRetry(event -> lines.addAll(each(delivery, DeliveryOutcome.ATTEMPT_FAILED,
                event.getNumberOfRetryAttempts(), describe(event.getLastThrowable()))));
        int[] made = {0};
        try {
            attempts.executeCheckedSupplier(() -> {
                made[0]++;
                channel.send(delivery);
                return delivery;
            });
            lines.addAll(each(delivery, DeliveryOutcome.SENT, made[0], null));
        } catch (Throwable last) {
            log.warn("Delivery {} on {} dead-lettered after {} attempts: {}", id, delivery.channel(),
                    retry.getMaxAttempts(), describe(last));
            lines.addAll(each(delivery, DeliveryOutcome.DEAD_LETTERED, made[0], describe(last)));
            lines.add(new ProducerRecord<>(Topics.deadLetter(DeliverTopics.DUE), record.key(), record.value()));
        }
        lines.add(unmark);
        return lines;
    }

    /**
     * The deliveries whose marker is still on this partition of {@value DeliverTopics#SENDING}: read up to the last stable
     * offset, so a transaction that a dead predecessor left open is waited for until the broker aborts it.
     */
    private Set<String> interruptedOn(int partition) {
        TopicPartition markers = new TopicPartition(DeliverTopics.SENDING, partition);
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Set<String> interrupted = new HashSet<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(properties)) {
            reader.assign(List.of(markers));
            reader.seekToBeginning(List.of(markers));
            long end = reader.endOffsets(List.of(markers)).get(markers);
            while (reader.position(markers) < end) {
                for (ConsumerRecord<String, byte[]> marker : reader.poll(Duration.ofMillis(200))) {
                    if (marker.value() == null) {
                        interrupted.remove(marker.key());
                    } else {
                        interrupted.add(marker.key());
                    }
                }
            }
        }
        if (!interrupted.isEmpty()) {
            log.warn("{} deliveries were being sent when a sender stopped: {}", interrupted.size(), interrupted);
        }
        return interrupted;
    }

    private List<ProducerRecord<String, byte[]>> each(Delivery delivery, DeliveryOutcome outcome, int attempt, @Nullable String detail) {
        Instant now = clock.instant();
        List<ProducerRecord<String, byte[]>> lines = new ArrayList<>();
        for (NotificationRaised notification : delivery.notifications()) {
            lines.add(outcomes.record(notification, outcome, delivery.deliveryId(), delivery.channel(), null, null, delivery.digestId(),
                    attempt, detail, now));
        }
        return lines;
    }

    private static @Nullable String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return null;
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
