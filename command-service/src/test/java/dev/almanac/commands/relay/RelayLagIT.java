package dev.almanac.commands.relay;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's lag gauges on the real event store: zero when caught up, the events and their wait while it is stopped. */
@CommandServiceIntegrationTest
class RelayLagIT {

    @Autowired
    WebTestClient client;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    MeterRegistry meters;

    @Test
    void theGaugesSayHowManyEventsWaitAndHowLongWhileTheRelayIsStoppedAndZeroOnceItCaughtUp() {
        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauge("almanac.relay.lag.events"))
                .as("relay %s", relay.processingStatus()).isZero());
        relay.shutDown();
        try {
            for (int i = 0; i < 3; i++) {
                createCalendar();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge("almanac.relay.lag.events")).isGreaterThanOrEqualTo(3.0);
                assertThat(gauge("almanac.relay.lag.seconds")).isGreaterThan(0.0);
            });
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(gauge("almanac.relay.lag.events")).isZero();
            assertThat(gauge("almanac.relay.lag.seconds")).isZero();
        });
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private void createCalendar() {
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "cal-" + UUID.randomUUID(), "name", "Lag", "type", "venue", "timezone", "Europe/Berlin", "capacity", 1))
                .exchange()
                .expectStatus().isCreated();
    }
}
