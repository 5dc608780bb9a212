package dev.almanac.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import dev.almanac.embedded.KafkaBroker;

/** The lifecycle against a real broker: it waits for its topics, refuses mismatched partitions, and answers failures as told. */
class StreamsLifecycleIT {

    private static final StreamsBuilderFactoryBean.Listener NO_METERS = new StreamsBuilderFactoryBean.Listener() {
    };
    /** How many records each failing topology has read, by its name. */
    private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();

    /** One broker for the class: each test has topics and an application id of its own. */
    @TempDir
    static Path directory;

    private static KafkaBroker broker;
    private static Admin admin;
    private final List<Object> published = new CopyOnWriteArrayList<>();
    private final ApplicationEventPublisher events = published::add;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void waitsForItsTopicsAndThenRuns() throws Exception {
        StreamsLifecycle lifecycle = new StreamsLifecycle(copy("waits.in"), properties("waits"), List.of("waits.in"), List.of(),
                StreamThreadExceptionResponse.REPLACE_THREAD, NO_METERS, events);
        lifecycle.start();
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> lifecycle.state().isEmpty());
            assertThat(lifecycle.alive()).as("alive while waiting for topics").isFalse();

            admin.createTopics(List.of(new NewTopic("waits.in", 2, (short) 1))).all().get();

            await().atMost(Duration.ofSeconds(60)).until(lifecycle::hasBeenRunning);
            assertThat(lifecycle.alive()).isTrue();
        } finally {
            lifecycle.stop();
        }
        assertThat(lifecycle.state()).as("no client after stop").isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void refusesToStartWhenTopicsReadTogetherHaveDifferentPartitionCounts() throws Exception {
        admin.createTopics(List.of(new NewTopic("split.left", 2, (short) 1), new NewTopic("split.right", 3, (short) 1))).all().get();
        StreamsLifecycle lifecycle = new StreamsLifecycle(copy("split.left"), properties("split"), List.of("split.left", "split.right"),
                List.of("split.left", "split.right"), StreamThreadExceptionResponse.REPLACE_THREAD, NO_METERS, events);
        lifecycle.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> published.stream().anyMatch(StreamsLifecycleIT::broken));
            assertThat(lifecycle.state()).as("no client started").isEmpty();
            assertThat(lifecycle.alive()).isFalse();
        } finally {
            lifecycle.stop();
        }
    }

    @Test
    void aFailedThreadIsReplacedWhenTheServiceChoseSo() throws Exception {
        StreamsLifecycle lifecycle = failingOnFirstRecord("replaced", StreamThreadExceptionResponse.REPLACE_THREAD);
        try {
            await().atMost(Duration.ofSeconds(60)).until(lifecycle::hasBeenRunning);
            send("replaced.in");
            await().atMost(Duration.ofSeconds(60)).until(() -> lifecycle.state().orElseThrow() == KafkaStreams.State.RUNNING
                    && failures("replaced") >= 1);
            assertThat(lifecycle.alive()).isTrue();
            assertThat(published).noneMatch(StreamsLifecycleIT::broken);
        } finally {
            lifecycle.stop();
        }
    }

    @Test
    void aFailedThreadShutsTheClientDownAndReportsTheInstanceBrokenWhenTheServiceChoseSo() throws Exception {
        StreamsLifecycle lifecycle = failingOnFirstRecord("shut", StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(lifecycle::hasBeenRunning);
            send("shut.in");
            await().atMost(Duration.ofSeconds(60)).until(() -> lifecycle.state().orElseThrow() == KafkaStreams.State.ERROR);
            assertThat(lifecycle.alive()).isFalse();
            assertThat(published).anyMatch(StreamsLifecycleIT::broken);
        } finally {
            lifecycle.stop();
        }
    }

    /** The dispatcher and its notifier: two applications of one JVM, one state directory not created yet. */
    @Test
    void twoApplicationsStartTogetherInOneStateDirectoryThatDoesNotExistYet() throws Exception {
        admin.createTopics(List.of(new NewTopic("pair.a", 1, (short) 1), new NewTopic("pair.b", 1, (short) 1))).all().get();
        Path shared = directory.resolve("shared-state");
        List<StreamsLifecycle> pair = new java.util.ArrayList<>();
        for (String name : List.of("pair.a", "pair.b")) {
            Properties properties = properties(name);
            properties.put(StreamsConfig.STATE_DIR_CONFIG, shared.toString());
            pair.add(new StreamsLifecycle(copy(name), properties, List.of(name), List.of(), StreamThreadExceptionResponse.REPLACE_THREAD,
                    NO_METERS, events));
        }
        pair.forEach(StreamsLifecycle::start);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> pair.stream().allMatch(StreamsLifecycle::hasBeenRunning));
            assertThat(published).isEmpty();
        } finally {
            pair.forEach(StreamsLifecycle::stop);
        }
    }

    /**
     * Static members (ADR 0094) under Kafka's 45 s session: one stopped cleanly still leaves the group, so the other has
     * every partition long before the session would have expired.
     */
    @Test
    void aStaticMemberStoppedCleanlyHandsItsPartitionsOverAtOnce() throws Exception {
        admin.createTopics(List.of(new NewTopic("static.in", 4, (short) 1))).all().get();
        List<StreamsLifecycle> members = new java.util.ArrayList<>();
        for (String instance : List.of("a", "b")) {
            Properties properties = properties("static");
            properties.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state-static-" + instance).toString());
            properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
            properties.remove(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
            properties.remove(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG));
            members.add(new StreamsLifecycle(copy("static.in"), properties, List.of("static.in"), List.of(),
                    StreamThreadExceptionResponse.REPLACE_THREAD, NO_METERS, events));
        }
        members.forEach(StreamsLifecycle::start);
        StreamsLifecycle staying = members.get(0);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> members.stream().allMatch(member -> activePartitions(member) > 0));
            long stoppedAt = System.nanoTime();
            members.get(1).stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> activePartitions(staying) == 4);
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("well inside the 45 s session").isLessThan(Duration.ofSeconds(30));
        } finally {
            members.forEach(StreamsLifecycle::stop);
        }
    }

    private static long activePartitions(StreamsLifecycle lifecycle) {
        return lifecycle.streams().filter(client -> client.state() == KafkaStreams.State.RUNNING)
                .map(client -> client.metadataForLocalThreads().stream().mapToLong(thread -> thread.activeTasks().size()).sum()).orElse(0L);
    }

    /** A state directory that cannot be made (here, a file is in its place) leaves no client, and the instance broken. */
    @Test
    void aStateDirectoryThatCannotBeMadeReportsTheInstanceBroken() throws Exception {
        admin.createTopics(List.of(new NewTopic("nodir.in", 1, (short) 1))).all().get();
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
        Properties properties = properties("nodir");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, file.resolve("state").toString());
        StreamsLifecycle lifecycle = new StreamsLifecycle(copy("nodir.in"), properties, List.of("nodir.in"), List.of(),
                StreamThreadExceptionResponse.REPLACE_THREAD, NO_METERS, events);
        lifecycle.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> published.stream().anyMatch(StreamsLifecycleIT::broken));
            assertThat(lifecycle.state()).as("no client started").isEmpty();
        } finally {
            lifecycle.stop();
        }
    }

    private static int failures(String name) {
        return FAILURES.getOrDefault(name, 0);
    }

    /** A topology whose processing fails on the first record it reads, and goes on after that. */
    private StreamsLifecycle failingOnFirstRecord(String name, StreamThreadExceptionResponse response) throws Exception {
        admin.createTopics(List.of(new NewTopic(name + ".in", 1, (short) 1))).all().get();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(name + ".in", Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> {
            if (FAILURES.merge(name, 1, Integer::sum) == 1) {
                throw new IllegalStateException("planted failure");
            }
        });
        StreamsLifecycle lifecycle = new StreamsLifecycle(builder.build(), properties(name), List.of(name + ".in"), List.of(), response,
                NO_METERS, events);
        lifecycle.start();
        return lifecycle;
    }

    private static Topology copy(String topic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> { });
        return builder.build();
    }

    private Properties properties(String name) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-" + name);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("state-" + name).toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A failed thread's consumer stays in the group until its session times out, and its replacement's assignment
        // waits for that: the broker's shortest session rather than the 45 s default.
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1500);
        return properties;
    }

    private void send(String topic) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get();
        }
    }

    private static boolean broken(Object event) {
        return event instanceof AvailabilityChangeEvent<?> change && change.getState() == LivenessState.BROKEN;
    }
}
