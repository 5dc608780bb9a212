package dev.almanac.dispatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Every event committed on a topic, as a {@code read_committed} consumer sees it, read from the start of every partition
 * on a thread of its own: each is handed over with the instant ({@code System.nanoTime()}) its poll returned it.
 */
public final class TopicTail<E extends AlmanacEvent> implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    public TopicTail(String bootstrapServers, String topic, Class<E> type, BiConsumer<E, Long> onRead) {
        EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long readAt = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    onRead.accept(type.cast(codec.fromRecord(record).event()), readAt);
                }
            }
            consumer.close();
        }, "tail-of-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every event of {@code type} on {@code topic}, added to {@code seen} as it is read. */
    public static <E extends AlmanacEvent> TopicTail<E> into(String bootstrapServers, String topic, Class<E> type, List<E> seen) {
        return new TopicTail<>(bootstrapServers, topic, type, (event, readAt) -> seen.add(event));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
