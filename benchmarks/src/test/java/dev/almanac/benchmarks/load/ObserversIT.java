package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.embedded.KafkaBroker;

/** The benchmark's Kafka side against a real broker: relay times from the records' timestamps, conflicts as they arrive. */
class ObserversIT {

    @Test
    void timesTheRelayFromTheRecordsTimestampsAndAConflictFromItsArrival(@TempDir Path directory) throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("almanac.schedule.v1", 1, (short) 1),
                    new NewTopic("almanac.conflicts.v1", 1, (short) 1))).all().get();
            LoadBenchmark.Recorder recorder = new LoadBenchmark.Recorder(100, false);
            try (Observers observers = new Observers(broker.bootstrapServers())) {
                observers.start();
                observers.attach(recorder);

                Instant stored = Instant.parse("2026-11-28T20:00:00Z");
                ProducerRecord<String, byte[]> event = new ProducerRecord<>("almanac.schedule.v1", null,
                        stored.plusMillis(40).toEpochMilli(), "item-1", "{}".getBytes(StandardCharsets.UTF_8));
                event.headers().add("ce_time", stored.toString().getBytes(StandardCharsets.UTF_8));
                producer.send(event).get();

                long answeredAt = System.nanoTime();
                observers.conflictClockStarts(recorder, "item-2", answeredAt);
                ProducerRecord<String, byte[]> conflict = new ProducerRecord<>("almanac.conflicts.v1", "cal",
                        "{\"entries\":[{\"entry_id\":\"item-1\"},{\"entry_id\":\"item-2\"}]}".getBytes(StandardCharsets.UTF_8));
                conflict.headers().add("ce_type", "dev.almanac.conflict.ConflictDetected.v1".getBytes(StandardCharsets.UTF_8));
                producer.send(conflict).get();

                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.conflicts.count() == 1 && recorder.relay.count() == 1);
                assertThat(recorder.relay.sorted()).containsExactly(Duration.ofMillis(40).toNanos());
                assertThat(recorder.conflicts.sorted()[0]).isBetween(0L, System.nanoTime() - answeredAt);
                assertThat(recorder.conflictPending).isEmpty();
                assertThat(readerThreads()).containsExactlyInAnyOrder("bench-conflict-reader", "bench-relay-reader");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(readerThreads()).isEmpty());
        }
    }

    private static Set<String> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("bench-") && thread.getName().endsWith("-reader"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
