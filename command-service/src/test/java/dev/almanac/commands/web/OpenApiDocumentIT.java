package dev.almanac.commands.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.platform.openapi.OpenApiSnapshot;

/**
 * Transitions of each kind of aggregate, as the generated OpenAPI document describes them
 * (parameters, bodies, answers and their headers), stay as the snapshot in
 * {@code openapi/command-service.json} has them: shared annotations and controller helpers must not
 * change what a client reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OpenApiDocumentIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        registry.add("spring.datasource.url", infrastructure::postgresJdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
    }

    @Autowired
    WebTestClient client;

    @Test
    void describesTransitionsAsTheSnapshotDoes() {
        String apiDocs = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        OpenApiSnapshot.assertPathsMatch(apiDocs, "command-service",
                "/api/v1/calendars/{id}/deactivate",
                "/api/v1/schedules/{id}/confirm",
                "/api/v1/schedules/{id}/attachments",
                "/api/v1/schedules/rules/{id}/pause",
                "/api/v1/schedules/rules/{id}/occurrences/{occurrenceId}/move",
                "/api/v1/resources/{id}/availability/mark-unavailable",
                "/api/v1/runs");
    }
}
