package dev.almanac.conflicts.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Runs the topology in one {@link KafkaStreams} client. It starts once the topics it reads and
 * writes exist (the platform creates them at startup; a missing source topic would otherwise
 * stop the client), on a thread of its own, so the application is up, and not ready, while it
 * waits. It stops cleanly with the application context, leaving the consumer group so that
 * the partitions move to another instance at once.
 *
 * <p>A failure Kafka Streams cannot recover from shuts the client down; the instance then
 * reports itself broken, so that its orchestrator restarts it and the state is restored from
 * the changelogs, rather than carrying on without its partitions.
 */
public class DetectorStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DetectorStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Topology topology;
    private final Properties properties;
    private final List<String> topics;
    private final StreamsBuilderFactoryBean.Listener metrics;
    private final ApplicationEventPublisher events;
    private final Object lock = new Object();

    private volatile boolean running;
    private volatile boolean reachedRunning;
    private volatile @Nullable KafkaStreams streams;
    private @Nullable Thread starter;

    public DetectorStreams(Topology topology, Properties properties, List<String> topics, StreamsBuilderFactoryBean.Listener metrics,
                           ApplicationEventPublisher events) {
        this.topology = topology;
        this.properties = properties;
        this.topics = List.copyOf(topics);
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
            Thread thread = new Thread(this::startOnceTopicsExist, "conflict-detector-streams-starter");
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
     * Whether a client is started and neither stopping nor failed: running, rebalancing or restoring
     * its state. False while it waits for its topics, after it stopped and after a failure. It is
     * the {@code almanac.conflicts.streams.alive} gauge, which, unlike Kafka Streams' own metrics,
     * stays registered when the client shuts down.
     */
    public boolean alive() {
        return state().map(DetectorStreams::isAlive).orElse(false);
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

    private void startOnceTopicsExist() {
        try {
            awaitTopics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (lock) {
            if (!running) {
                return;
            }
            KafkaStreams client = new KafkaStreams(topology, properties);
            client.setStateListener(this::stateChanged);
            client.setUncaughtExceptionHandler(failure -> {
                log.error("Kafka Streams failed and shuts down; the instance reports itself broken", failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            metrics.streamsAdded(applicationId(), client);
            client.start();
            streams = client;
        }
    }

    private void awaitTopics() throws InterruptedException {
        Map<String, Object> adminProperties = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                AdminClientConfig.CLIENT_ID_CONFIG, applicationId() + "-topic-check");
        long waitingSince = System.nanoTime();
        long nextReport = 0;
        try (Admin admin = Admin.create(adminProperties)) {
            while (running) {
                try {
                    admin.describeTopics(topics).allTopicNames().get(TOPIC_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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
}
