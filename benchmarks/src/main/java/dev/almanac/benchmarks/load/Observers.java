package dev.almanac.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The benchmark's Kafka side: reads the conflicts and schedule topics from their ends, as any
 * other team's consumer would, and asks the broker for every consumer group's lag.
 */
final class Observers implements AutoCloseable {

    /** The consumer groups of the three services that follow the topics. */
    static final List<String> GROUPS = List.of("query-service", "conflict-detector", "rule-expander");

    private static final String CONFLICTS = "almanac.conflicts.v1";
    private static final String SCHEDULE = "almanac.schedule.v1";
    /**
     * A relay time comes from the record's own timestamps (sent by the relay, stored in the event store), not from when
     * the benchmark reads it, so the schedule topic's reader lets the broker gather records: a few fetches a second
     * instead of one for each batch the relay sends, CPU that bench-load and the broker would otherwise take from the
     * stack they share the cores with. Conflicts are timed as they arrive, so their reader fetches at once.
     */
    private static final int RELAY_FETCH_MAX_WAIT_MS = 200;
    private static final int RELAY_FETCH_MIN_BYTES = 256 * 1024;
    private static final Pattern ENTRY_ID = Pattern.compile("\"entry_id\":\"([^\"]+)\"");
    private static final String CONFLICT_DETECTED = "dev.almanac.conflict.ConflictDetected.v1";

    private final String bootstrap;
    private final Admin admin;
    private final Map<String, Long> conflictArrivals = new ConcurrentHashMap<>();
    /**
     * Held while a pair's answer and its conflict record meet: each side checks for the other and
     * then records itself, and without it the two can pass each other (counted as undetected).
     */
    private final Object pairHandoff = new Object();
    private volatile LoadBenchmark.Recorder recorder;
    private final List<TopicReader> readers = new ArrayList<>();

    Observers(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    void start() {
        readers.add(TopicReader.start(bootstrap, CONFLICTS, Map.of(), this::observe, "bench-conflict-reader"));
        readers.add(TopicReader.start(bootstrap, SCHEDULE, Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, RELAY_FETCH_MIN_BYTES,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, RELAY_FETCH_MAX_WAIT_MS), this::observe, "bench-relay-reader"));
    }

    void attach(LoadBenchmark.Recorder recorder) {
        synchronized (pairHandoff) {
            conflictArrivals.clear();
            this.recorder = recorder;
        }
    }

    void detach() {
        this.recorder = null;
    }

    /** The second item of a pair was answered at {@code answeredAt}; its conflict may already be on the topic. */
    void conflictClockStarts(LoadBenchmark.Recorder recorder, String itemId, long answeredAt) {
        synchronized (pairHandoff) {
            Long arrived = conflictArrivals.remove(itemId);
            if (arrived != null) {
                recorder.conflictPending.remove(itemId);
                recorder.conflicts.add(Math.max(0, arrived - answeredAt));
            } else {
                recorder.conflictPending.put(itemId, answeredAt);
            }
        }
    }

    private void observe(ConsumerRecord<String, byte[]> record, long now) {
        LoadBenchmark.Recorder current = recorder;
        if (current == null || record.value() == null) {
            return;
        }
        String type = header(record, "ce_type");
        if (record.topic().equals(SCHEDULE)) {
            String time = header(record, "ce_time");
            if (time != null) {
                long stored = Instant.parse(time).toEpochMilli();
                current.relay.add(Math.max(0, record.timestamp() - stored) * 1_000_000L);
            }
            return;
        }
        if (!CONFLICT_DETECTED.equals(type)) {
            return;
        }
        Matcher entries = ENTRY_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
        while (entries.find()) {
            String itemId = entries.group(1);
            synchronized (pairHandoff) {
                Long answeredAt = current.conflictPending.get(itemId);
                if (answeredAt == null) {
                    continue;
                }
                if (answeredAt == Long.MAX_VALUE) {
                    conflictArrivals.put(itemId, now);
                } else if (current.conflictPending.remove(itemId) != null) {
                    current.conflicts.add(now - answeredAt);
                }
            }
        }
    }

    /** Each group's total lag over the partitions it has committed offsets for. */
    Map<String, Long> consumerLags() {
        Map<String, Long> lags = new LinkedHashMap<>();
        for (String group : GROUPS) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
                lags.put(group, lag);
            } catch (Exception e) {
                lags.put(group, -1L);
            }
        }
        return lags;
    }

    /**
     * Waits until no group lags and every conflict pair was seen, or until the lag stops
     * shrinking for ten seconds (a consumer that is not running); returns how long it waited.
     */
    Duration awaitSettled(Duration patience, LoadBenchmark.Recorder recorder) {
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        long smallest = Long.MAX_VALUE;
        long lastProgress = started;
        while (System.nanoTime() < deadline && System.nanoTime() - lastProgress < 10_000_000_000L) {
            long lag = consumerLags().values().stream().mapToLong(value -> Math.max(0, value)).sum();
            boolean conflictsSeen = recorder.conflictPending.values().stream().noneMatch(at -> at != Long.MAX_VALUE);
            if (lag == 0 && conflictsSeen) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (lag < smallest) {
                smallest = lag;
                lastProgress = System.nanoTime();
            }
            LockSupport.parkNanos(200_000_000L);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        readers.forEach(TopicReader::stop);
        admin.close(Duration.ofSeconds(5));
    }

    /** One topic read from its end on a thread of its own, each record handed over with the time it was read. */
    private static final class TopicReader {

        private final KafkaConsumer<String, byte[]> consumer;
        private final BiConsumer<ConsumerRecord<String, byte[]>, Long> observer;
        private volatile boolean running = true;

        private TopicReader(KafkaConsumer<String, byte[]> consumer, BiConsumer<ConsumerRecord<String, byte[]>, Long> observer) {
            this.consumer = consumer;
            this.observer = observer;
        }

        static TopicReader start(String bootstrap, String topic, Map<String, Object> settings,
                                 BiConsumer<ConsumerRecord<String, byte[]>, Long> observer, String threadName) {
            Map<String, Object> config = new HashMap<>(settings);
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "almanac-bench-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            TopicReader reader = new TopicReader(consumer, observer);
            Thread thread = new Thread(reader::read, threadName);
            thread.setDaemon(true);
            thread.start();
            return reader;
        }

        private void read() {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        observer.accept(record, System.nanoTime());
                    }
                }
            } catch (WakeupException stopping) {
                // stop() woke the poll to end the loop.
            } finally {
                consumer.close();
            }
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }
    }
}
