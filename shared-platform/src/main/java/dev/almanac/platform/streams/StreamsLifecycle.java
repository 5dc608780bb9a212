package dev.almanac.platform.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import dev.almanac.platform.kafka.KafkaClientSecurity;

/**
 * Runs a service's topology in one {@link KafkaStreams} client.
 * <ul>
 * <li>It starts once the topics it reads and writes exist (a missing source topic would otherwise stop the client), on
 * a thread of its own, so the application is up, and not ready, while it waits.</li>
 * <li>It starts only if the topics a task reads together have one partition count: a key must land on the same
 * partition of each. Otherwise the instance reports itself broken, and says which topics differ.</li>
 * <li>A stream thread that fails is answered as the service chose: replaced (its tasks restored from their changelogs,
 * going on from their committed offsets) or the whole client shut down. A client that fails as a whole reports the
 * instance broken, so that its orchestrator restarts it rather than it carrying on without its partitions.</li>
 * <li>It stops with the application context and leaves the group, so that its partitions move at once.</li>
 * <li>With a {@code group.instance.id} (the platform's {@code ALMANAC_INSTANCE_ID}, ADR 0094) it is a static member: a
 * process killed and restarted under the same id takes its tasks back without a rebalance. A blank id is no id.</li>
 * <li>It logs each store partition it restores and how long that took: after a replica's death, the time its
 * successor (or standby) needed to take its tasks over.</li>
 * </ul>
 */
public class StreamsLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsLifecycle.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Topology topology;
    private final Properties properties;
    private final List<String> topics;
    private final List<String> copartitioned;
    private final StreamThreadExceptionResponse onThreadFailure;
    private final StreamsBuilderFactoryBean.Listener metrics;
    private final ApplicationEventPublisher events;
    private final Object lock = new Object();
    private final AtomicLong restoredRecords = new AtomicLong();

    private volatile boolean running;
    private volatile boolean reachedRunning;
    private volatile @Nullable KafkaStreams streams;
    private @Nullable Thread starter;

    /**
     * @param topics          every topic the topology reads and writes: it starts once they all exist
     * @param copartitioned   the topics its tasks read together, which must have one partition count; empty for none
     * @param onThreadFailure what a failed stream thread costs: {@code REPLACE_THREAD} or {@code SHUTDOWN_CLIENT}
     * @param metrics         registers the client's own meters while it runs
     */
    public StreamsLifecycle(Topology topology, Properties properties, List<String> topics, List<String> copartitioned,
                            StreamThreadExceptionResponse onThreadFailure, StreamsBuilderFactoryBean.Listener metrics,
                            ApplicationEventPublisher events) {
        if (onThreadFailure == StreamThreadExceptionResponse.SHUTDOWN_APPLICATION) {
            throw new IllegalArgumentException("a stream thread's failure must not stop every instance of the application");
        }
        this.topology = topology;
        this.properties = withMembership(properties);
        this.topics = List.copyOf(topics);
        this.copartitioned = List.copyOf(copartitioned);
        this.onThreadFailure = onThreadFailure;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
            Thread thread = new Thread(this::startOnceTopicsExist, applicationId() + "-streams-starter");
            thread.setDaemon(true);
            starter = thread;
            thread.start();
        }
    }

    @Override
    public void stop() {
        KafkaStreams started;
        synchronized (lock) {
            running = false;
            if (starter != null) {
                starter.interrupt();
            }
            started = streams;
            streams = null;
        }
        if (started != null) {
            boolean closed = started.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            metrics.streamsRemoved(applicationId(), started);
            if (!closed) {
                log.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The client's state, or empty while it waits for its topics or after it stopped. */
    public Optional<KafkaStreams.State> state() {
        KafkaStreams current = streams;
        return current == null ? Optional.empty() : Optional.of(current.state());
    }

    /**
     * Whether a client is started and neither stopping nor failed: running, rebalancing or restoring its state. False
     * while it waits for its topics, after it stopped and after a failure. Unlike Kafka Streams' own metrics, a gauge of
     * it stays registered when the client shuts down, so an alert can read 0.
     */
    public boolean alive() {
        return state().map(StreamsLifecycle::isAlive).orElse(false);
    }

    static boolean isAlive(KafkaStreams.State state) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
        };
    }

    /** Whether the client has been RUNNING since it started: it has had its partitions and restored their state. */
    public boolean hasBeenRunning() {
        return reachedRunning;
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Records restored from changelogs since start: few where standby replicas had the state of tasks taken over. */
    public long restoredRecords() {
        return restoredRecords.get();
    }

    /**
     * The settings with a blank {@code group.instance.id} removed: unset, the platform's default is empty, and Kafka
     * Streams would otherwise make every instance the same static member ({@code -1}), each fencing the other out.
     */
    static Properties withMembership(Properties configured) {
        Properties properties = new Properties();
        properties.putAll(configured);
        Object instanceId = properties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId != null && instanceId.toString().isBlank()) {
            properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        }
        return properties;
    }

    private void startOnceTopicsExist() {
        try {
            awaitTopics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (MismatchedPartitions mismatch) {
            log.error("Kafka Streams not started; the instance reports itself broken: {}", mismatch.getMessage());
            return;
        }
        synchronized (lock) {
            if (!running) {
                return;
            }
            KafkaStreams client;
            try {
                createStateDirectory();
                client = new KafkaStreams(topology, properties);
            } catch (IOException | RuntimeException failure) {
                AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
                log.error("Kafka Streams not started; the instance reports itself broken", failure);
                return;
            }
            client.setStateListener(this::stateChanged);
            client.setGlobalStateRestoreListener(new RestoreLog());
            client.setUncaughtExceptionHandler(failure -> {
                log.error(onThreadFailure == StreamThreadExceptionResponse.REPLACE_THREAD
                        ? "A stream thread failed; it is replaced and its tasks restored from their changelogs"
                        : "Kafka Streams failed and shuts down; the instance reports itself broken", failure);
                return onThreadFailure;
            });
            metrics.streamsAdded(applicationId(), client);
            client.start();
            streams = client;
        }
    }

    /**
     * Kafka Streams creates its base state directory with a check and then a mkdir, so two applications of one JVM
     * starting together (the dispatcher and its notifier) could each see it missing and one fail; created here, once.
     */
    private void createStateDirectory() throws IOException {
        Object stateDirectory = properties.get(StreamsConfig.STATE_DIR_CONFIG);
        if (stateDirectory != null) {
            Files.createDirectories(Path.of(stateDirectory.toString()));
        }
    }

    private Map<String, Object> configured() {
        Map<String, Object> configured = new HashMap<>();
        properties.forEach((key, value) -> configured.put(String.valueOf(key), value));
        return configured;
    }

    private void awaitTopics() throws InterruptedException {
        Map<String, Object> adminProperties = new HashMap<>(KafkaClientSecurity.of(configured()));
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId() + "-topic-check");
        long waitingSince = System.nanoTime();
        long nextReport = 0;
        try (Admin admin = Admin.create(adminProperties)) {
            while (running) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                            .get(TOPIC_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                    requireOnePartitionCount(described);
                    return;
                } catch (ExecutionException | TimeoutException missing) {
                    long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSince);
                    if (waited >= nextReport) {
                        log.info("Waiting {} s so far for topics {}: {}", waited, topics, missing.getMessage());
                        nextReport = waited + 30;
                    }
                    TimeUnit.MILLISECONDS.sleep(TOPIC_CHECK_INTERVAL.toMillis());
                }
            }
        }
    }

    private void requireOnePartitionCount(Map<String, TopicDescription> described) {
        Set<Integer> counts = copartitioned.stream().map(topic -> described.get(topic).partitions().size()).collect(Collectors.toSet());
        if (counts.size() > 1) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            throw new MismatchedPartitions("The topics " + copartitioned + " must have one partition count, so that the records"
                    + " a task reads together, by one key, reach one task; they have " + copartitioned.stream()
                    .map(topic -> topic + "=" + described.get(topic).partitions().size()).toList());
        }
    }

    private void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        log.info("Kafka Streams {} -> {}", before, now);
        if (now == KafkaStreams.State.RUNNING) {
            reachedRunning = true;
        }
        if (now == KafkaStreams.State.ERROR) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    private String applicationId() {
        return String.valueOf(properties.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    /** Logs each restored store partition with its records and duration; the restoring thread calls it. */
    private final class RestoreLog implements StateRestoreListener {

        private final Map<TopicPartition, Long> startedAt = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
            startedAt.put(partition, System.nanoTime());
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
            restoredRecords.addAndGet(numRestored);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            Long started = startedAt.remove(partition);
            long millis = started == null ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (totalRestored > 0) {
                log.info("Restored {} records of {} from {} in {} ms", totalRestored, store, partition, millis);
            }
        }

        @Override
        public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
            startedAt.remove(partition);
            log.info("Restore of {} from {} suspended after {} records: the task moved on", store, partition, totalRestored);
        }
    }

    /** Topics read together that a task cannot read by one key, as their partition counts differ. */
    private static final class MismatchedPartitions extends IllegalStateException {

        private MismatchedPartitions(String message) {
            super(message);
        }
    }
}
