package dev.almanac.dispatch.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.almanac.events.Topics;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Everything on {@value Topics#DISPATCH} as a {@code read_committed} consumer sees it, with the wall-clock instant each
 * record was first readable to it, read on a thread of its own from the beginning of every partition.
 */
public final class DispatchLog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final List<Seen> dispatched = new CopyOnWriteArrayList<>();
    private final List<DispatchMisfired> misfired = new CopyOnWriteArrayList<>();
    private final List<Reminded> reminded = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    public DispatchLog(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : consumer.partitionsFor(Topics.DISPATCH, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(Topics.DISPATCH, partition.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "dispatch-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                // Readable when the poll returned them, not after decoding the records before each in the batch.
                Instant readAt = Instant.now();
                for (ConsumerRecord<String, byte[]> record : records) {
                    ReceivedEvent received = codec.fromRecord(record);
                    if (received.event() instanceof OccurrenceDue due) {
                        dispatched.add(new Seen(due, readAt, record.partition(), record.offset()));
                    } else if (received.event() instanceof DispatchMisfired event) {
                        misfired.add(event);
                    } else if (received.event() instanceof ReminderDue reminder) {
                        reminded.add(new Reminded(reminder, readAt));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<Seen> dispatched() {
        return List.copyOf(dispatched);
    }

    /** The reminders read, each with when this consumer could first read it (ADR 0079). */
    public List<Reminded> reminded() {
        return List.copyOf(reminded);
    }

    public List<DispatchMisfired> misfired() {
        return List.copyOf(misfired);
    }

    /** The latest due instant read so far; {@link Instant#MIN} before any. */
    public Instant latestDue() {
        return dispatched.stream().map(seen -> seen.due().dueAt()).max(Instant::compareTo).orElse(Instant.MIN);
    }

    /** How many records each occurrence and attempt has: one each, when dispatch is exactly once. */
    public Map<String, Long> perAttempt() {
        return dispatched.stream().collect(Collectors.groupingBy(seen -> seen.due().occurrenceId().value() + "#" + seen.due().attempt(),
                Collectors.counting()));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(10_000);
    }

    /** A reminder, and when this consumer could first read it. */
    public record Reminded(ReminderDue due, Instant readAt) {
    }

    /** A dispatch, and when this consumer could first read it. */
    public record Seen(OccurrenceDue due, Instant readAt, int partition, long offset) {

        public Duration lateness() {
            return Duration.between(due.dueAt(), readAt);
        }
    }
}
