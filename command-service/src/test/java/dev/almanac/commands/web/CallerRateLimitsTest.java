package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.events.UserId;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;

class CallerRateLimitsTest {

    private static final Caller ANA = new Caller(UserId.of("ana"), false);
    private static final Caller BEN = new Caller(UserId.of("ben"), false);
    private static final Caller ADMIN = new Caller(UserId.of("ops"), true);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CallerRateLimits limits = new CallerRateLimits(3, meters);
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);

    @Test
    void aCallerBeyondItsBudgetIsAnswered429WithRetryAfterAndTheCommandGoesNoFurther() {
        for (int i = 0; i < 3; i++) {
            assertThat(send(post(ANA)).getResponse().getStatusCode()).isNull();
        }
        MockServerWebExchange refused = send(post(ANA));

        assertThat(passed).hasValue(3);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(refused.getResponse().getBodyAsString().block())
                .contains("\"status\":429", "\"field\":\"request\"", "\"rule\":\"rate_limit\"", "ana sent more than 3 commands in a second");
        assertThat(meters.get("almanac.commands.rate.limited").counter().count()).isEqualTo(1);
    }

    @Test
    void eachCallerHasABudgetOfItsOwnAndAdminsAndReadsAreNotLimited() {
        for (int i = 0; i < 3; i++) {
            send(post(ANA));
        }
        assertThat(send(post(ANA)).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        passed.set(0);

        for (int i = 0; i < 3; i++) {
            send(post(BEN));
        }
        for (int i = 0; i < 10; i++) {
            send(post(ADMIN));
            send(exchange(MockServerHttpRequest.get("/api/v1/schedules/item-1"), ANA));
        }
        assertThat(passed).hasValue(3 + 10 + 10);
    }

    @Test
    void everyWritingMethodUnderTheApiCountsButRunReportsAndNothingElseDoes() {
        send(exchange(MockServerHttpRequest.put("/api/v1/schedules/rules/r-1"), ANA));
        send(exchange(MockServerHttpRequest.patch("/api/v1/calendars/c-1"), ANA));
        send(exchange(MockServerHttpRequest.delete("/api/v1/schedules/rules/r-1"), ANA));
        for (int i = 0; i < 5; i++) {
            send(exchange(MockServerHttpRequest.post("/actuator/refresh"), ANA));
            send(exchange(MockServerHttpRequest.head("/api/v1/schedules/item-1"), ANA));
            send(exchange(MockServerHttpRequest.post("/api/v1/runs"), ANA));
        }

        assertThat(send(post(ANA)).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(send(exchange(MockServerHttpRequest.post("/api/v1/runsheets"), ANA)).getResponse().getStatusCode())
                .as("a path that only begins like the run reports'").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(passed).hasValue(3 + 15);
    }

    @Test
    void theBudgetRefillsWithinASecond() {
        for (int i = 0; i < 3; i++) {
            send(post(ANA));
        }
        assertThat(send(post(ANA)).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(post(ANA)).getResponse().getStatusCode() == null);
    }

    @Test
    void everyCountedCommandTellsItsBudgetAndWhatIsLeft() {
        MockServerWebExchange first = send(post(ANA));
        send(post(ANA));
        MockServerWebExchange third = send(post(ANA));

        assertThat(first.getResponse().getHeaders().getFirst(CallerRateLimits.POLICY)).isEqualTo("\"commands\";q=3;w=1");
        assertThat(first.getResponse().getHeaders().getFirst(CallerRateLimits.REMAINING)).isEqualTo("\"commands\";r=2;t=1");
        assertThat(third.getResponse().getHeaders().getFirst(CallerRateLimits.REMAINING)).isEqualTo("\"commands\";r=0;t=1");
        assertThat(send(post(ADMIN)).getResponse().getHeaders().getFirst(CallerRateLimits.POLICY)).as("admins are not counted").isNull();
    }

    @Test
    void whenTheSharedCountDoesNotAnswerTheReplicaCountsAloneAndSaysHowOften() throws SQLException {
        DataSource unreachable = mock(DataSource.class);
        when(unreachable.getConnection()).thenThrow(new SQLException("Connection refused"));
        CallerRateLimits failingOver = new CallerRateLimits(3, new CommandCounts(unreachable), meters);

        for (int i = 0; i < 3; i++) {
            assertThat(failingOver.filter(post(BEN), chain).then(Mono.just(true)).block()).isTrue();
        }
        MockServerWebExchange fourth = post(BEN);
        failingOver.filter(fourth, chain).block();

        assertThat(passed).hasValue(3);
        assertThat(fourth.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(meters.get("almanac.commands.uncounted").counter().count()).isEqualTo(4);
    }

    @Test
    void zeroTurnsTheLimitOffAndANegativeBudgetIsRefused() {
        CallerRateLimits off = new CallerRateLimits(0, meters);
        for (int i = 0; i < 100; i++) {
            off.filter(post(ANA), chain).block();
        }
        assertThat(passed).hasValue(100);

        assertThatThrownBy(() -> new CallerRateLimits(-1, meters)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("almanac.commands.rate-limit.per-second");
    }

    private MockServerWebExchange send(MockServerWebExchange exchange) {
        limits.filter(exchange, chain).block();
        return exchange;
    }

    private static MockServerWebExchange post(Caller caller) {
        return exchange(MockServerHttpRequest.post("/api/v1/schedules"), caller);
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, Caller caller) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(Callers.ATTRIBUTE, caller);
        return exchange;
    }
}
