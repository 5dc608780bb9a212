package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * conflict-detector writes with exactly-once transactions, so the projections read committed
 * records only: what an aborted transaction wrote never reaches a read model.
 */
class ReadCommittedIT extends EmbeddedQueryService {

    private static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");

    @Autowired
    ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    EventCodec codec;

    @Test
    void theConsumerOfTheProjectionsReadsCommittedRecordsOnly() {
        assertThat(consumerFactory.getConfigurationProperties())
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    /**
     * An item written in a transaction that is then aborted, and a sentinel behind it on the same
     * partition: once the sentinel shows, the consumer has passed the aborted record.
     */
    @Test
    void whatAnAbortedTransactionWroteIsNeverProjected() throws Exception {
        String calendar = unique("cal");
        ItemScheduled aborted = ReadModelFixture.item(unique("aborted"), calendar, "meeting", TEN, Duration.ofHours(1));
        ItemScheduled sentinel = ReadModelFixture.item(unique("sentinel"), calendar, "meeting", TEN.plus(Duration.ofHours(2)),
                Duration.ofHours(1));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("UTC")), 0);

        try (KafkaProducer<String, byte[]> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "read-committed-it-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            ProducerRecord<String, byte[]> record = codec.toRecord(Received.metadata(aborted, 0, Received.TIME), aborted);
            transactional.send(record).get(10, TimeUnit.SECONDS);
            transactional.abortTransaction();
        }
        publish(sentinel, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/schedules/{id}", sentinel.itemId().value())
                .exchange()
                .expectStatus().isOk());
        client.get().uri("/api/v1/schedules/{id}", aborted.itemId().value())
                .exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-03T00:00:00Z&till=2026-12-04T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(1)
                .jsonPath("$.entries[0].id").isEqualTo(sentinel.itemId().value());
    }
}
