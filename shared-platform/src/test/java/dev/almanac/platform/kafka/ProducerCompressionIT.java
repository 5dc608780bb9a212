package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.EventSamples;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.platform.PlatformTestApplication;

/**
 * Every service's producer compresses its batches with lz4 (the platform's default, ADR 0036): events repeat their
 * field names and most of their values record after record, so a batch goes to the broker at a fraction of its size,
 * and consumers read it back unchanged.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProducerCompressionIT {

    /** A topic of its own: the platform's other tests listen on the real ones. */
    private static final String TOPIC = "almanac.test.compression";
    private static final int RECORDS = 500;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.application.name", () -> "platform-compression-it");
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Test
    void batchesGoToTheBrokerCompressedAndComeBackWhole() throws Exception {
        assertThat(template.getProducerFactory().getConfigurationProperties())
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        Set<String> sent = new HashSet<>();
        List<CompletableFuture<?>> acknowledged = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            EventMetadata metadata = metadata(i, occurrence);
            ProducerRecord<String, byte[]> record = codec.toRecord(metadata, occurrence);
            acknowledged.add(template.send(new ProducerRecord<>(TOPIC, null, record.key(), record.value(), record.headers())));
            sent.add(metadata.id());
        }
        CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get();

        // Kafka's own measure: the compressed size of the producer's batches over their uncompressed size.
        double compressionRate = template.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("producer-metrics")
                        && metric.getKey().name().equals("compression-rate-avg"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .findFirst().orElseThrow();
        assertThat(compressionRate).as("compressed bytes per uncompressed byte").isLessThan(0.5);
        assertThat(readBack(codec.toRecord(metadata(0, occurrence), occurrence).value()))
                .as("ids read back, each with the value sent").containsAll(sent);
    }

    private static EventMetadata metadata(int i, OccurrenceMaterialized occurrence) {
        return new EventMetadata("evt-compression-" + i, EventCatalog.of(occurrence).ceType(), "/almanac/test",
                Instant.parse("2026-11-24T10:00:00Z").plusMillis(i), occurrence.subject(), 0, "developer", "corr-" + i, null);
    }

    private static Set<String> readBack(byte[] value) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "compression-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> ids = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    assertThat(record.value()).isEqualTo(value);
                    ids.add(new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8));
                });
                return ids.size() >= RECORDS;
            });
        }
        return ids;
    }
}
