package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.PlatformTestApplication;

/** A poison record is dead-lettered with its reason and counted, and the records behind it still arrive. */
@SpringBootTest(classes = {PlatformTestApplication.class, DeadLetterIT.Listener.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DeadLetterIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.kafka.consumer.group-id", () -> "dead-letter-it");
        registry.add("spring.application.name", () -> "platform-it");
    }

    @TestConfiguration
    static class Listener {

        final List<ReceivedEvent> applied = new CopyOnWriteArrayList<>();

        @Autowired
        EventCodec codec;

        @KafkaListener(topics = Topics.SCHEDULE)
        void on(ConsumerRecord<String, byte[]> record) {
            applied.add(codec.fromRecord(record));
        }
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Autowired
    Listener listener;

    @Autowired
    MeterRegistry meters;

    @Test
    void poisonGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        assertThat(deadLettered(DeadLetterRecoverer.ERROR)).as("registered at zero with the listener").isZero();
        ItemScheduled good = EventSamples.itemScheduled();
        EventMetadata metadata = new EventMetadata("evt-good", EventCatalog.of(good).ceType(), "/almanac/test",
                Instant.parse("2026-11-21T10:00:00Z"), good.subject(), 0, "developer", "corr-1", null);
        ProducerRecord<String, byte[]> valid = codec.toRecord(metadata, good);
        var poison = new ProducerRecord<>(Topics.SCHEDULE, null, good.partitionKey(),
                "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8), valid.headers());

        template.send(poison).get();
        template.send(valid).get();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(listener.applied).extracting(e -> e.metadata().id()).containsExactly("evt-good"));
        ConsumerRecord<String, byte[]> deadLetter = readOne(Topics.deadLetter(Topics.SCHEDULE));
        assertThat(deadLetter.key()).isEqualTo(good.partitionKey());
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("value is not a valid dev.almanac.schedule.ItemScheduled.v1");
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.SCHEDULE);
        assertThat(deadLettered(DeadLetterRecoverer.POISON)).isEqualTo(1);
        assertThat(deadLettered(DeadLetterRecoverer.ERROR)).isZero();
    }

    private double deadLettered(String reason) {
        return meters.get(DeadLetterRecoverer.METER).tags("topic", Topics.SCHEDULE, "reason", reason).counter().count();
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            return records.get(0);
        }
    }
}
