package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.PostgresServer;
import dev.almanac.embedded.ScratchDirectories;

/**
 * PostgreSQL stopped under a running command-service (issue 74): every command is answered promptly with a 503 problem
 * and Retry-After, none is stored in part, and commands are accepted again once PostgreSQL is back. The server is this
 * test's own, so that stopping it leaves the other tests' shared one alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EventStoreOutageIT.OwnPostgres.class)
@DirtiesContext
class EventStoreOutageIT {

    /** The fault suite's clients give up after 10 s; the gateway after 20 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Under the caller's budget of 20 commands a second, which without PostgreSQL each replica counts alone. */
    private static final int COMMANDS_DURING_THE_OUTAGE = 16;

    private static PostgresServer postgres;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void commandsWhilePostgresIsDownAreAnswered503WithRetryAfterWithinSecondsAndNoneIsStored() throws Exception {
        String calendar = "cal-" + UUID.randomUUID();
        assertThat(send(post("/api/v1/calendars", calendarBody(calendar))).statusCode()).isEqualTo(201);
        List<String> refusedItems = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();

        postgres.restart(() -> {
            List<CompletableFuture<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < COMMANDS_DURING_THE_OUTAGE; i++) {
                String item = "outage-" + i + "-" + UUID.randomUUID();
                refusedItems.add(item);
                HttpRequest.Builder request = post("/api/v1/schedules", itemBody(item, calendar));
                // Every third carries an Idempotency-Key, whose claim is read from PostgreSQL in a filter, before any controller.
                if (i % 3 == 0) {
                    request.header("Idempotency-Key", "outage-" + item);
                }
                long sent = System.nanoTime();
                pending.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                        .thenApply(response -> new Answer(response, Duration.ofNanos(System.nanoTime() - sent))));
            }
            pending.forEach(answer -> answers.add(answer.join()));
        });

        assertThat(answers).hasSize(COMMANDS_DURING_THE_OUTAGE).allSatisfy(answer -> {
            assertThat(answer.took()).as("answered within %s", PATIENCE).isLessThan(PATIENCE);
            assertThat(answer.response().statusCode()).as(answer.response().body()).isEqualTo(503);
            assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.response().headers().firstValue("Retry-After")).contains("5");
            assertThat(answer.response().body()).contains("\"status\":503", "\"title\":\"Service unavailable\"",
                    "https://almanac.dev/problems/unavailable", "Retry-After");
        });

        // Back: a command is stored again, the pool having replaced its dead connections, and none refused was stored.
        String afterwards = "after-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(send(post("/api/v1/schedules", itemBody(afterwards, calendar))).statusCode()).isEqualTo(201));
        assertThat(storedEventsOf(afterwards)).isEqualTo(1);
        assertThat(refusedItems).allSatisfy(item -> assertThat(storedEventsOf(item)).as(item).isZero());
    }

    private int storedEventsOf(String itemId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                Integer.class, "%" + itemId);
        return count == null ? 0 : count;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String calendarBody(String id) {
        return """
                {"id":"%s","name":"Room","type":"venue","timezone":"America/New_York","capacity":5,"overbooking_policy":"block"}"""
                .formatted(id);
    }

    private static String itemBody(String id, String calendar) {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return """
                {"id":"%s","calendar_id":"%s","title":"Outage","type":"shift","start":"%s","end":"%s","timezone":"America/New_York"}"""
                .formatted(id, calendar, start, start.plus(1, ChronoUnit.HOURS));
    }

    private record Answer(HttpResponse<String> response, Duration took) {
    }

    /**
     * This test's PostgreSQL, started before the context and stopped after it: registered as its first disposable bean, it
     * is destroyed last, once the pools are closed.
     */
    static final class OwnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path directory;
            try {
                directory = Files.createTempDirectory("almanac-outage-it-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            postgres = PostgresServer.start(directory.resolve("pg"), FreePorts.any(), false);
            ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("outagePostgres", () -> {
                postgres.close();
                ScratchDirectories.delete(directory);
            });
            TestPropertyValues.of(
                    "spring.datasource.url=" + postgres.jdbcUrl(),
                    "spring.datasource.username=postgres",
                    "spring.datasource.password=",
                    "spring.kafka.bootstrap-servers=" + EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers())
                    .applyTo(context);
        }
    }
}
