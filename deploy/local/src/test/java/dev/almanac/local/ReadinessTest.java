package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ReadinessTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatAnswersNotReadyIsGivenTheCatchUpLimitBeyondTheStartsLimit() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        URI readiness = serve(() -> asked.incrementAndGet() > 12 ? 200 : 503);

        Readiness.Outcome outcome = new Readiness("query-service", readiness, () -> true, Duration.ofSeconds(30))
                .await(System.nanoTime() + Duration.ofMillis(500).toNanos());

        assertThat(outcome).isEqualTo(Readiness.Outcome.READY);
        assertThat(asked.get()).as("asked well past the start's half second").isGreaterThan(12);
    }

    @Test
    void aServiceThatNeverAnswersIsSilentAtTheStartsLimit() {
        URI nobody = URI.create("http://127.0.0.1:9/actuator/health/readiness");

        assertThat(new Readiness("query-service", nobody, () -> true, Duration.ofMinutes(30))
                .await(System.nanoTime() + Duration.ofMillis(600).toNanos())).isEqualTo(Readiness.Outcome.SILENT);
    }

    @Test
    void aServiceStillNotReadyAtTheCatchUpLimitIsSaidToBeCatchingUp() throws IOException {
        URI readiness = serve(() -> 503);

        assertThat(new Readiness("query-service", readiness, () -> true, Duration.ofMillis(700))
                .await(System.nanoTime() + Duration.ofMillis(100).toNanos())).isEqualTo(Readiness.Outcome.STILL_CATCHING_UP);
    }

    @Test
    void aProcessThatExitedEndsTheWait() throws IOException {
        URI readiness = serve(() -> 503);

        assertThat(new Readiness("query-service", readiness, () -> false, Duration.ofMinutes(30))
                .await(System.nanoTime() + Duration.ofSeconds(10).toNanos())).isEqualTo(Readiness.Outcome.EXITED);
    }

    private URI serve(java.util.function.IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            int code = status.getAsInt();
            byte[] body = (code == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health/readiness");
    }
}
