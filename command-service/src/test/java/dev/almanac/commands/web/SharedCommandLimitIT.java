package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.UserId;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;

/** Two replicas' limits over one PostgreSQL, each with its own pool, as two command-service processes have: one budget per caller. */
class SharedCommandLimitIT {

    private static final int BUDGET = 4;

    private static HikariDataSource firstPool;
    private static HikariDataSource secondPool;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);

    @BeforeAll
    static void migrate() {
        String url = EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl();
        firstPool = pool(url);
        secondPool = pool(url);
        Flyway.configure().dataSource(firstPool).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void closePools() {
        firstPool.close();
        secondPool.close();
    }

    @Test
    void aCallersCommandsOnTwoReplicasDrawOnOneBudgetAndTheNextSecondRefillsIt() {
        CallerRateLimits first = new CallerRateLimits(BUDGET, new CommandCounts(firstPool), meters);
        CallerRateLimits second = new CallerRateLimits(BUDGET, new CommandCounts(secondPool), meters);
        // A burst that a second's edge happened to cut is sent again, by new callers, in the next second.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> burstWithinOneSecond(first, second));
    }

    private void burstWithinOneSecond(CallerRateLimits first, CallerRateLimits second) {
        String ann = "ann-" + System.nanoTime();
        String bob = "bob-" + System.nanoTime();
        passed.set(0);
        startOfASecond();
        long secondStarted = System.currentTimeMillis() / 1000;

        List<MockServerWebExchange> answers = new ArrayList<>();
        for (int i = 0; i < BUDGET; i++) {
            answers.add(send(i % 2 == 0 ? first : second, ann));
        }
        MockServerWebExchange refusedBySecond = send(second, ann);
        MockServerWebExchange refusedByFirst = send(first, ann);
        MockServerWebExchange othersOwn = send(first, bob);
        assertThat(System.currentTimeMillis() / 1000).as("the burst fell within one second").isEqualTo(secondStarted);

        assertThat(answers).extracting(answer -> answer.getResponse().getStatusCode()).containsOnlyNulls();
        assertThat(answers.get(3).getResponse().getHeaders().getFirst(CallerRateLimits.REMAINING)).isEqualTo("\"commands\";r=0;t=1");
        for (MockServerWebExchange refused : List.of(refusedBySecond, refusedByFirst)) {
            assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(refused.getResponse().getHeaders().getFirst(CallerRateLimits.POLICY)).isEqualTo("\"commands\";q=4;w=1");
            assertThat(refused.getResponse().getBodyAsString().block()).contains("\"rule\":\"rate_limit\"",
                    ann + " sent more than 4 commands in a second");
        }
        assertThat(othersOwn.getResponse().getStatusCode()).isNull();
        assertThat(passed).hasValue(BUDGET + 1);
        assertThat(meters.get("almanac.commands.uncounted").counter().count()).isZero();

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(send(second, ann)) == null);
    }

    @Test
    void callersIdleAnHourAreForgotten() throws Exception {
        CommandCounts counts = new CommandCounts(firstPool);
        counts.countOneNow("idle-carl");
        new JdbcTemplate(firstPool).update("UPDATE command_rate_window SET second = second - 3601 WHERE caller = 'idle-carl'");
        counts.countOneNow("busy-dora");

        assertThat(counts.forgetIdle()).isGreaterThanOrEqualTo(1);
        assertThat(new JdbcTemplate(firstPool).queryForList("SELECT caller FROM command_rate_window WHERE caller IN ('idle-carl', 'busy-dora')",
                String.class)).containsExactly("busy-dora");
    }

    /** Waits for the first fifth of a second, so that a short burst falls within one. */
    private static void startOfASecond() {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> System.currentTimeMillis() % 1000 < 200);
    }

    private MockServerWebExchange send(CallerRateLimits limits, String user) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/schedules"));
        exchange.getAttributes().put(Callers.ATTRIBUTE, new Caller(UserId.of(user), false));
        limits.filter(exchange, chain).block();
        return exchange;
    }

    private static HttpStatusCode status(MockServerWebExchange exchange) {
        return exchange.getResponse().getStatusCode();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
