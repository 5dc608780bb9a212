package dev.almanac.benchmarks.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code almanac.dispatch.v1} read from its end with {@code read_committed}, as an executor reads it, on a thread of
 * its own: when ({@code System.nanoTime()}) each run-now dispatch was first read, and how many times each was read.
 * It reads {@code almanac.rules.v1} too, to tell when each run now left command-service: the dispatcher's share of
 * the time is what comes after that.
 */
final class DispatchTopic implements AutoCloseable {

    static final String TOPIC = "almanac.dispatch.v1";
    static final String RULES = "almanac.rules.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Long> firstReadAt = new ConcurrentHashMap<>();
    private final Map<String, Long> requestReadAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, String> skipped = new ConcurrentHashMap<>();
    private final Thread reader;

    DispatchTopic(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(TOPIC, RULES).stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.stream().noneMatch(partition -> partition.topic().equals(TOPIC))) {
            throw new IllegalStateException(TOPIC + " has no partitions on " + bootstrap);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::read, "run-now-dispatches");
        reader.setDaemon(true);
        reader.start();
    }

    /** When the dispatch of run {@code runId} was first read; null while it has not been. */
    @Nullable Long firstReadAt(String runId) {
        return firstReadAt.get(runId);
    }

    /** When the {@code RuleRunRequested} of run {@code runId} was first read on the rules topic; null while it has not been. */
    @Nullable Long requestReadAt(String runId) {
        return requestReadAt.get(runId);
    }

    /** How many times the dispatch of {@code runId} (attempt 1) was read. */
    int reads(String runId) {
        AtomicInteger count = reads.get(runId);
        return count == null ? 0 : count.get();
    }

    /** Why the dispatcher skipped run {@code runId} ({@code max_concurrent}, {@code superseded}); null if it did not. */
    @Nullable String skipReason(String runId) {
        return skipped.get(runId);
    }

    private void read() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    observe(record, System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll to end the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void observe(ConsumerRecord<String, byte[]> record, long now) {
        String type = header(record, "ce_type");
        if (type == null || record.value() == null) {
            return;
        }
        boolean due = type.contains("OccurrenceDue");
        boolean requested = type.contains("RuleRunRequested");
        if (!due && !requested && !type.contains("OccurrenceSkipped")) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (JacksonException undecodable) {
            return;
        }
        if (requested) {
            requestReadAt.putIfAbsent(event.path("run_id").asString(), now);
            return;
        }
        String runId = event.path("occurrence_id").asString();
        if (due && "run_now".equals(event.path("trigger").asString()) && event.path("attempt").asInt() == 1) {
            firstReadAt.putIfAbsent(runId, now);
            reads.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet();
        } else if (!due) {
            skipped.put(runId, event.path("reason").asString());
        }
    }

    private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join(10_000);
    }
}
