package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/**
 * A client that asks for the same year again and again on one kept-alive connection, as a
 * dashboard does, is served every answer, also those served from a kept window without a check
 * ({@code almanac.query.window-recheck}). Served on the thread that read the request, such an
 * answer left the next request on the connection unread after some tens of requests.
 */
class KeptWindowKeepAliveIT extends EmbeddedQueryService {

    private static final int ITEMS = 1_500;

    @LocalServerPort
    int port;

    @Test
    void aClientOnOneConnectionGetsEveryAnswer() {
        String prefix = unique("keep-alive");
        Instant year = Instant.parse("2031-01-01T00:00:00Z");
        for (int i = 0; i < ITEMS; i++) {
            publish(ReadModelFixture.item(prefix + "-" + i, prefix + "-cal-" + i % 30, "job", year.plus(Duration.ofMinutes(349L * i)),
                    Duration.ofMinutes(30)), 0);
        }
        // Through the topics, as every integration test writes, so that RebuildIT finds the same read models again.
        String window = "/api/v1/schedules/window?from=2031-01-01T00:00:00Z&till=2032-01-01T00:00:00Z&timezone=Asia/Kathmandu";
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri(window).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.summary.total_jobs").isEqualTo(ITEMS));
        ConnectionProvider oneConnection = ConnectionProvider.builder("keep-alive").maxConnections(1).build();
        try {
            WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(oneConnection)))
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20))
                    .build();
            int answered = 0;
            for (int ask = 0; ask < 300; ask++) {
                Integer status = http.get().uri(window).exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                        .block(Duration.ofSeconds(10));
                assertThat(status).as("answer %d", ask).isEqualTo(200);
                answered++;
            }
            assertThat(answered).isEqualTo(300);
        } finally {
            oneConnection.dispose();
        }
    }
}
