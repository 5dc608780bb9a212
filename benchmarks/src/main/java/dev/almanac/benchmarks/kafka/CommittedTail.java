package dev.almanac.benchmarks.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Topics read from their end with {@code read_committed}, as a consumer acting on them reads them, on a thread of its
 * own: each record is handed to the observer with the {@code System.nanoTime()} at which it was read. No group, so
 * nothing is committed and the stack's groups are left alone.
 */
public final class CommittedTail implements AutoCloseable {

    /** What a benchmark does with each record read. */
    @FunctionalInterface
    public interface Observer {
        void observe(ConsumerRecord<String, byte[]> record, long readAtNanos);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    /** Starts reading at the end of every partition of {@code topics}; the first of them must exist. */
    public CommittedTail(String bootstrap, List<String> topics, String threadName, Observer observer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.stream().noneMatch(partition -> partition.topic().equals(topics.get(0)))) {
            consumer.close();
            throw new IllegalStateException(topics.get(0) + " has no partitions on " + bootstrap);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(() -> read(observer), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Observer observer) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    observer.observe(record, System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll to end the loop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The record's last header of that name, as text; null when it has none. */
    public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
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
