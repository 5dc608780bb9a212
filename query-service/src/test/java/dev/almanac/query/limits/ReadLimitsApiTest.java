package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** Read limits through the HTTP slice: budgets by family and window, the headers a client paces itself by, and the 429. */
@QueryApiTest
@TestPropertySource(properties = {"almanac.query.read-limits.enabled=true", "almanac.query.read-limits.reads-per-minute=3",
        "almanac.query.read-limits.exports-per-hour=1", "almanac.query.read-limits.changes-per-minute=2"})
class ReadLimitsApiTest extends ReadModelApiTest {

    private static final String READ = "/api/v1/calendars/cal-limits";
    private static final String EXPORT = "/api/v1/calendars/cal-limits/export.ics?from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z";

    @BeforeEach
    void midMinute() {
        clock.pin(Instant.parse("2026-12-01T10:00:20Z"));
    }

    @Test
    void theFourthReadInAMinuteIsRefusedWith429RetryAfterAndTheRuleWhileTheHeadersCountDown() {
        for (int read = 1; read <= 3; read++) {
            HttpHeaders headers = read("ann", READ).expectStatus().isNotFound().returnResult(String.class).getResponseHeaders();
            assertThat(headers.getFirst(ReadLimits.POLICY)).isEqualTo("\"reads\";q=3;w=60");
            assertThat(headers.getFirst(ReadLimits.REMAINING)).isEqualTo("\"reads\";r=%d;t=40".formatted(3 - read));
        }
        read("ann", READ).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "40")
                .expectHeader().valueEquals(ReadLimits.REMAINING, "\"reads\";r=0;t=40")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.errors[0].field").isEqualTo("request")
                .jsonPath("$.errors[0].rule").isEqualTo("rate_limit")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("ann made more than 3 reads in a minute"));
    }

    @Test
    void eachCallerHasItsOwnBudgetAndAdminsNone() {
        for (int read = 0; read < 3; read++) {
            read("bob", READ).expectStatus().isNotFound();
        }
        read("bob", READ).expectStatus().isEqualTo(429);
        read("cleo", READ).expectStatus().isNotFound();
        for (int read = 0; read < 5; read++) {
            client.get().uri(READ).header("X-Almanac-User", "root").header("X-Almanac-Roles", "admin").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().doesNotExist(ReadLimits.POLICY);
        }
    }

    @Test
    void theBudgetRefillsWhenTheWindowEnds() {
        for (int read = 0; read < 3; read++) {
            read("dan", READ).expectStatus().isNotFound();
        }
        read("dan", READ).expectStatus().isEqualTo(429);
        clock.advance(Duration.ofSeconds(40));
        read("dan", READ).expectStatus().isNotFound().expectHeader().valueEquals(ReadLimits.REMAINING, "\"reads\";r=2;t=60");
    }

    @Test
    void exportsAndTheChangeFeedHaveBudgetsOfTheirOwn() {
        read("eve", EXPORT).expectHeader().valueEquals(ReadLimits.POLICY, "\"exports\";q=1;w=3600");
        read("eve", EXPORT).expectStatus().isEqualTo(429).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3580");
        read("eve", "/api/v1/changes").expectHeader().valueEquals(ReadLimits.POLICY, "\"changes\";q=2;w=60");
        read("eve", READ).expectStatus().isNotFound().expectHeader().valueEquals(ReadLimits.REMAINING, "\"reads\";r=2;t=40");
    }

    @Test
    void commandsAndTheConfigurationOutsideTheApiAreNotCounted() {
        assertThat(ReadFamily.of(org.springframework.http.HttpMethod.POST, "/api/v1/schedules")).isNull();
        assertThat(ReadFamily.of(org.springframework.http.HttpMethod.GET, "/actuator/health")).isNull();
        assertThat(ReadFamily.of(org.springframework.http.HttpMethod.GET, "/api/v1/stream")).isNull();
        assertThat(ReadFamily.of(org.springframework.http.HttpMethod.GET, "/api/v1/feeds/abc.ics")).isEqualTo(ReadFamily.EXPORTS);
        assertThat(ReadFamily.of(org.springframework.http.HttpMethod.HEAD, "/api/v1/schedules/window")).isEqualTo(ReadFamily.READS);
    }

    private WebTestClient.ResponseSpec read(String user, String uri) {
        return client.get().uri(uri).header("X-Almanac-User", user).exchange();
    }
}
