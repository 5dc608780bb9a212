package dev.almanac.query.support;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.QueryServiceApplication;

/**
 * The whole service on the JVM's shared embedded Kafka and mongo-java-server. Every integration
 * test class extends this and adds no configuration of its own, so they share one Spring context.
 * Topics and the database live as long as the JVM: tests use ids of their own.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmbeddedQueryService {

    protected static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void embeddedInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.mongodb.uri", () -> EmbeddedInfrastructure.sharedForTests().mongoConnectionString());
    }

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    protected WebTestClient client;

    @BeforeEach
    void clientForTheRunningService() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** Publishes the event as its producer would, and waits until Kafka acknowledged it. */
    protected void publish(AlmanacEvent event, long version) {
        try {
            publisher.publish(Received.metadata(event, version, Received.TIME), event).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    /** An id no other test uses, so tests can share the topics and the database. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
