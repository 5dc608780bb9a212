package dev.almanac.query.stream;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import dev.almanac.query.projection.Projections;

/**
 * The stream's one Kafka consumer in this process. It has no consumer group: it is assigned every
 * partition of the followed topics, so that every replica sees every calendar, and starts where the
 * store stops holding them. It reads only while some calendar is watched ({@link StreamHub#wantsReading()});
 * after an idle spell it starts again from there. It tells the hub how far the store holds each partition:
 * from this process's projection as each batch is written, and, while a change waits, by reading
 * the store's projected offsets every {@code offsets-poll} (other replicas write them).
 */
@Component
class StreamReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final StreamHub hub;
    private final Projections projections;
    private final String bootstrapServers;
    private final Duration offsetsPoll;
    private final Duration offsetsTimeout;
    private volatile boolean running;
    private @Nullable ExecutorService reader;
    private @Nullable Disposable heldSignals;
    private volatile @Nullable Consumer<String, byte[]> consumer;

    StreamReader(StreamHub hub, Projections projections, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                 @Value("${almanac.query.stream.offsets-poll:200ms}") Duration offsetsPoll,
                 @Value("${almanac.query.projection-write-timeout:30s}") Duration offsetsTimeout) {
        this.hub = hub;
        this.projections = projections;
        this.bootstrapServers = bootstrapServers;
        this.offsetsPoll = offsetsPoll;
        this.offsetsTimeout = offsetsTimeout;
    }

    /** The followed topics that the projection reads: a change is sent only once the store holds it. */
    static List<String> topics() {
        List<String> projected = Arrays.asList(Projections.topics());
        return Arrays.stream(StreamTopic.values()).map(StreamTopic::topic).filter(projected::contains).toList();
    }

    @Override
    public void start() {
        running = true;
        heldSignals = projections.held().subscribe(hub::raise);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("stream-reader-");
        threads.setDaemon(true);
        ExecutorService reader = Executors.newSingleThreadExecutor(threads);
        reader.execute(this::read);
        this.reader = reader;
    }

    @Override
    public void stop() {
        running = false;
        Optional.ofNullable(consumer).ifPresent(Consumer::wakeup);
        Optional.ofNullable(reader).ifPresent(executor -> {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Optional.ofNullable(heldSignals).ifPresent(Disposable::dispose);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void read() {
        boolean reading = false;
        long lastLookup = 0;
        while (running) {
            try {
                hub.expire();
                if (reading && !hub.wantsReading() && hub.stopIfIdle()) {
                    reading = false;
                    log.info("No stream watches a calendar any more; the stream reader stops reading");
                }
                if (!reading && !hub.wantsReading()) {
                    hub.awaitDemand(IDLE_CHECK);
                    continue;
                }
                Consumer<String, byte[]> kafka = consumer();
                if (!reading) {
                    hub.started(startWhereTheStoreStops(kafka));
                    reading = true;
                }
                var records = kafka.poll(POLL);
                hub.read(records, positions(kafka));
                long now = System.nanoTime();
                if (now - lastLookup >= offsetsPoll.toNanos()) {
                    Set<TopicPartition> waiting = hub.waitingOn();
                    if (!waiting.isEmpty()) {
                        lastLookup = now;
                        Map<TopicPartition, Long> held = projections.heldThrough(waiting).block(offsetsTimeout);
                        if (held != null) {
                            hub.raise(held);
                        }
                    }
                }
            } catch (WakeupException | InterruptedException stopping) {
                return;
            } catch (RuntimeException failure) {
                log.warn("The stream reader failed ({}); it starts again where the store stops holding the topics", failure.toString());
                closeConsumer();
                reading = false;
                try {
                    hub.awaitDemand(IDLE_CHECK);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
        closeConsumer();
    }

    private Consumer<String, byte[]> consumer() {
        Consumer<String, byte[]> existing = consumer;
        if (existing != null) {
            return existing;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "query-service-stream",
                // What the projection reads: a record of an open or aborted transaction never reaches a read model.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Consumer<String, byte[]> created = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer = created;
        return created;
    }

    /**
     * Assigns every partition of the followed topics and starts each where the store stops holding it (its end when the store
     * holds all of it, or holds nothing of it): a record the store does not hold yet may concern a subscriber whose refetch
     * missed it, so it is read and sent once held.
     */
    private Map<TopicPartition, Long> startWhereTheStoreStops(Consumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = topics().stream()
                .flatMap(topic -> kafka.partitionsFor(topic).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        Map<TopicPartition, Long> ends = positions(kafka);
        Map<TopicPartition, Long> held = projections.heldThrough(partitions).blockOptional(offsetsTimeout).orElse(Map.of());
        held.forEach((partition, through) -> {
            Long end = ends.get(partition);
            if (end != null && through + 1 < end) {
                kafka.seek(partition, through + 1);
            }
        });
        return positions(kafka);
    }

    private static Map<TopicPartition, Long> positions(Consumer<String, byte[]> kafka) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        kafka.assignment().forEach(partition -> positions.put(partition, kafka.position(partition)));
        return positions;
    }

    private void closeConsumer() {
        Consumer<String, byte[]> existing = consumer;
        consumer = null;
        if (existing != null) {
            existing.close(Duration.ofSeconds(5));
        }
    }
}
