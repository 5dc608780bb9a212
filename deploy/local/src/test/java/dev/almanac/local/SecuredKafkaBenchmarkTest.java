package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.almanac.embedded.KafkaBroker;
import dev.almanac.embedded.ScratchDirectories;
import dev.almanac.events.Topics;

/**
 * What SASL/SCRAM and ACLs cost a producer and a consumer (ADR 0091): the same records through a PLAINTEXT broker and a
 * secured one, as command-service's relay sends them (idempotent, acks=all, 5 ms linger) and query-service's listener
 * reads them, each with a fresh client so that the handshake counts. {@code -Dalmanac.bench=true} runs it.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class SecuredKafkaBenchmarkTest {

    private static final int RECORDS = 200_000;
    private static final byte[] VALUE = new byte[400];

    @Test
    void scramAndAclsCostTheRelayAndAListenerLittle() throws Exception {
        // A first round of each warms the JIT: the round measured first was otherwise the slower one by half.
        run(false);
        run(true);
        Map<String, Double> plain = run(false);
        Map<String, Double> secured = run(true);
        for (String phase : plain.keySet()) {
            System.out.printf("secured kafka: %s %,.0f records/s plaintext, %,.0f records/s scram+acls (%+.1f %%)%n", phase,
                    plain.get(phase), secured.get(phase), 100 * (secured.get(phase) / plain.get(phase) - 1));
        }
    }

    private static Map<String, Double> run(boolean secure) throws Exception {
        Path directory = Files.createTempDirectory("almanac-kafka-bench-");
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory, secure ? KafkaBroker.Security.withRandomAdminPassword() : null)) {
            Map<Service, KafkaSecurity.Credentials> users = secure ? KafkaSecurity.provision(broker.adminProperties(), 12) : Map.of();
            if (!secure) {
                try (var admin = org.apache.kafka.clients.admin.Admin.create(broker.adminProperties())) {
                    admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Topics.SCHEDULE, 12, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                }
            }
            Map<String, Object> producing = client(broker, users.get(Service.COMMAND_SERVICE));
            producing.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5));
            long started = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producing, new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(Topics.SCHEDULE, "calendar-" + (i % 1000), VALUE));
                }
                producer.flush();
            }
            double produced = RECORDS / ((System.nanoTime() - started) / 1e9);

            Map<String, Object> consuming = client(broker, users.get(Service.QUERY_SERVICE));
            consuming.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "query-service-bench", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            started = System.nanoTime();
            int read = 0;
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consuming, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.SCHEDULE));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (read < RECORDS && System.nanoTime() < deadline) {
                    int batch = consumer.poll(Duration.ofMillis(200)).count();
                    read += batch;
                    if (batch > 0) {
                        consumer.commitSync();
                    }
                }
            }
            double consumed = read / ((System.nanoTime() - started) / 1e9);
            assertThat(read).isEqualTo(RECORDS);
            return Map.of("produce", produced, "consume", consumed);
        } finally {
            ScratchDirectories.delete(directory);
        }
    }

    private static Map<String, Object> client(KafkaBroker broker, KafkaSecurity.Credentials user) {
        Map<String, Object> properties = new HashMap<>();
        if (user != null) {
            properties.putAll(user.clientProperties());
        }
        properties.put("bootstrap.servers", broker.bootstrapServers());
        return properties;
    }
}
