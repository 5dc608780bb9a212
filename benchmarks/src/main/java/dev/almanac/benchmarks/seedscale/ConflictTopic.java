package dev.almanac.benchmarks.seedscale;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@code almanac.conflicts.v1} read from its end with {@code read_committed}, as a consumer acting on conflicts reads
 * it (ADR 0009), on a thread of its own. It notes when a {@code ConflictDetected} first names each probe item, and
 * keeps the open conflicts of the planted calendars by id: detected or escalated is open; cleared, resolved or
 * dismissed is not.
 */
final class ConflictTopic implements AutoCloseable {

    static final String TOPIC = "almanac.conflicts.v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String probePrefix;
    private final Set<String> plantedCalendars;
    private final Map<String, Long> probeSeenAt = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Boolean>> openByCalendar = new ConcurrentHashMap<>();
    private final AtomicInteger undecodables = new AtomicInteger();
    private final Thread reader;
    private volatile boolean running = true;

    /**
     * @param probePrefix      ids of the probe items start with it
     * @param plantedCalendars the calendars whose open conflicts are kept
     */
    ConflictTopic(String bootstrap, String probePrefix, Set<String> plantedCalendars) {
        this.probePrefix = probePrefix;
        this.plantedCalendars = Set.copyOf(plantedCalendars);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(TOPIC + " has no partitions on " + bootstrap);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::read, "seed-scale-conflicts");
        reader.setDaemon(true);
        reader.start();
    }

    /** When ({@code System.nanoTime()}) a detected conflict first named the probe item {@code itemId}. */
    Optional<Long> probeSeenAt(String itemId) {
        return Optional.ofNullable(probeSeenAt.get(itemId));
    }

    /** The open conflicts on each planted calendar, as read so far. */
    Map<String, Integer> openOnPlanted() {
        Map<String, Integer> open = new HashMap<>();
        plantedCalendars.forEach(calendar -> open.put(calendar, (int) openByCalendar.getOrDefault(calendar, Map.of())
                .values().stream().filter(Boolean::booleanValue).count()));
        return open;
    }

    /** Records that were not JSON, so neither counted nor timed: the run reports them. */
    int undecodable() {
        return undecodables.get();
    }

    int openOnPlantedInAll() {
        return openOnPlanted().values().stream().mapToInt(Integer::intValue).sum();
    }

    private void read() {
        try {
            while (running) {
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
        boolean opens = type.contains("ConflictDetected") || type.contains("ConflictEscalated");
        boolean closes = type.contains("ConflictCleared") || type.contains("ConflictResolved") || type.contains("ConflictDismissed");
        boolean planted = record.key() != null && plantedCalendars.contains(record.key());
        if (!planted && !type.contains("ConflictDetected")) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (JacksonException undecodable) {
            undecodables.incrementAndGet();
            return;
        }
        if (type.contains("ConflictDetected")) {
            for (JsonNode entryId : event.findValues("entry_id")) {
                String id = entryId.asString();
                if (id.startsWith(probePrefix)) {
                    probeSeenAt.putIfAbsent(id, now);
                }
            }
        }
        JsonNode conflictId = event.findValue("conflict_id");
        if (planted && conflictId != null && (opens || closes)) {
            openByCalendar.computeIfAbsent(record.key(), calendar -> new ConcurrentHashMap<>()).put(conflictId.asString(), opens);
        }
    }

    private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
