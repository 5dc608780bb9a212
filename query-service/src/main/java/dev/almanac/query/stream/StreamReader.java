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
import java.util.function.Supplier;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

import dev.almanac.platform.kafka.KafkaClientSecurity;
import dev.almanac.query.projection.Projections;

/**
 * The stream's one Kafka consumer in this process. It has no consumer group: it is assigned every
 * partition of the followed topics, so that every replica sees every calendar, and starts where the
 * store stops holding them. It reads only while some calendar is watched ({@link StreamHub#wantsReading()}),
 * and closes its consumer when none is, then waits for a subscription without waking; after an idle spell it starts again from there. After a failure it
 * waits, from 1 s doubling to 30 s while failures follow one another, before it starts again. It tells the
 * hub how far the store holds each partition:
 * from this process's projection as each batch is written, and, while a change waits, by reading
 * the store's projected offsets every {@code offsets-poll} (other replicas write them).
 */
@Component
class StreamReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final StreamHub hub;
    private final Projections projections;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration offsetsPoll;
    private final Duration offsetsTimeout;
    private final Duration firstRetry;
    private volatile boolean running;
    private @Nullable ExecutorService reader;
    private @Nullable Disposable heldSignals;
    private volatile @Nullable Consumer<String, byte[]> consumer;

    @Autowired
    StreamReader(StreamHub hub, Projections projections, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                 KafkaProperties kafka, @Value("${almanac.query.stream.offsets-poll:200ms}") Duration offsetsPoll,
                 @Value("${almanac.query.projection-write-timeout:30s}") Duration offsetsTimeout) {
        this(hub, projections, () -> consumer(bootstrapServers, KafkaClientSecurity.of(kafka)), offsetsPoll, offsetsTimeout, FIRST_RETRY);
    }

    StreamReader(StreamHub hub, Projections projections, Supplier<Consumer<String, byte[]>> consumers, Duration offsetsPoll,
                 Duration offsetsTimeout, Duration firstRetry) {
        this.hub = hub;
        this.projections = projections;
        this.consumers = consumers;
        this.offsetsPoll = offsetsPoll;
        this.offsetsTimeout = offsetsTimeout;
        this.firstRetry = firstRetry;
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
        Duration retry = firstRetry;
        try {
            while (running) {
                try {
                    hub.expire();
                    if (reading && !hub.wantsReading() && hub.stopIfIdle()) {
                        reading = false;
                        closeConsumer();
                        log.info("No stream watches a calendar any more; the stream reader stops reading");
                    }
                    if (!reading && !hub.wantsReading()) {
                        // Nobody listens: nothing to read or expire until a subscription arrives (issue 75: nothing spins at rest).
                        hub.awaitDemand();
                        continue;
                    }
                    Consumer<String, byte[]> kafka = consumer();
                    if (!reading) {
                        hub.started(startWhereTheStoreStops(kafka));
                        reading = true;
                    }
                    var records = kafka.poll(POLL);
                    hub.read(records, positions(kafka));
                    retry = firstRetry;
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
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException failure) {
                    if (!running) {
                        return;
                    }
                    log.warn("The stream reader failed ({}); it starts again where the store stops holding the topics in {}",
                            failure.toString(), retry);
                    closeConsumer();
                    reading = false;
                    // Each subscription meanwhile left a permit; were they kept, a cause that fails at once would be tried again
                    // at once, as often as streams opened.
                    hub.forgetDemand();
                    Thread.sleep(retry.toMillis());
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            closeConsumer();
        }
    }

    private Consumer<String, byte[]> consumer() {
        Consumer<String, byte[]> existing = consumer;
        if (existing != null) {
            return existing;
        }
        Consumer<String, byte[]> created = consumers.get();
        consumer = created;
        return created;
    }

    private static Consumer<String, byte[]> consumer(String bootstrapServers, Map<String, Object> clientSecurity) {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "query-service-stream",
                // What the projection reads: a record of an open or aborted transaction never reaches a read model.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
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
