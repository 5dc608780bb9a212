package dev.almanac.query;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The projection and the read API against real Kafka and MongoDB images rather than the
 * embedded broker and mongo-java-server: what mongo-java-server accepts is a subset of MongoDB,
 * and this proves the same reads and idempotent writes on the real thing. JUnit skips it,
 * saying why, where no Docker engine is available (as on our CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealInfrastructureIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse("apache/kafka:4.2.1"));

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:8.0"));

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", MONGO::getReplicaSetUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    @Test
    void aDuplicatedItemIsProjectedOnceAndServedByTheApi() {
        String calendar = "cal-" + UUID.randomUUID();
        ItemScheduled item = ReadModelFixture.item("item-" + UUID.randomUUID(), calendar, "meeting",
                Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/London")), 0);
        publish(item, 0);
        publish(item, 0);

        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(1)
                .jsonPath("$.entries[0].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[0].version").isEqualTo(0));
        client.get().uri("/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue={id}", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(1);
    }

    private void publish(AlmanacEvent event, long version) {
        try {
            publisher.publish(Received.metadata(event, version, Received.TIME), event).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }
}
