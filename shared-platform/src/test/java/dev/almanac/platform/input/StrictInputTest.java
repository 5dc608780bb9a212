package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.identity.IdentityAutoConfiguration;
import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;

/** The input rules of docs/problems.md, as every request body meets them. */
@WebFluxTest(controllers = StrictInputTest.EchoController.class)
@Import(StrictInputTest.EchoController.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class StrictInputTest {

    @Autowired
    WebTestClient client;

    record Echo(@Nullable String name, @Nullable Integer count, @Nullable Boolean flag, @Nullable Instant at,
                @Nullable Priority priority, @Nullable Map<String, Object> payload, @Nullable List<String> tags) {
    }

    @RestController
    static class EchoController {

        @PostMapping("/echo")
        Echo echo(@RequestBody Echo echo) {
            return echo;
        }
    }

    @Test
    void acceptsWhatTheRulesAllow() {
        post("""
                {"name": "Réunion 🗓 with tab\\tand newline\\n", "count": 3, "flag": true, "at": "2026-12-01t10:00:00.5+05:45",
                 "priority": "high", "payload": {"a.b": [1, "x"], "$c": {"d": null}}, "tags": ["ünï"]}""")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.at").isEqualTo("2026-12-01T04:15:00.500Z")
                .jsonPath("$.payload['a.b'][1]").isEqualTo("x");
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
            "{\"priority\": 1}                                  | priority | format",
            "{\"count\": 1.5}                                   | count    | type",
            "{\"count\": \"2\"}                                 | count    | type",
            "{\"flag\": 5}                                      | flag     | type",
            "{\"flag\": \"true\"}                               | flag     | type",
            "{\"name\": 42}                                     | name     | type",
            "{\"name\": \"a\\u0000b\"}                          | name     | text",
            "{\"name\": \"lone \\ud800 surrogate\"}             | name     | text",
            "{\"name\": \"bell \\u0007\"}                       | name     | text",
            "{\"tags\": [\"ok\", \"\\u001b[31m\"]}              | tags[1]  | text",
            "{\"payload\": {\"a\\u0000b\": 1}}                  | payload  | text",
            "{\"payload\": {\"k\": \"v\\udfff\"}}               | payload  | text",
            "{\"at\": \"2026-12-01T24:00:00Z\"}                 | at       | rfc3339",
            "{\"at\": 1764597600}                               | at       | rfc3339",
            "{\"at\": \"2026-12-01T10:00:00Z\\u0000\"}          | at       | rfc3339",
            "{\"at\": \"+999999999-12-31T10:00:00Z\"}           | at       | rfc3339",
            "{\"at\": \"-999999999-01-01T00:00:00Z\"}           | at       | rfc3339",
            "{\"at\": \"2026-12-01T10:00Z\"}                    | at       | rfc3339",
            "{\"at\": \"2026-12-01T10:00:00\"}                  | at       | rfc3339",
            "{\"at\": \"2026-02-30T10:00:00Z\"}                 | at       | rfc3339",
            "{\"at\": \"2026-12-31T23:59:60Z\"}                 | at       | rfc3339",
            "{\"count\": 99999999999}                           | count    | range",
            "{\"payload\": {\"big\": 99999999999999999999999}}    | payload  | range",
            "{\"payload\": {\"n\": [1, 1e999]}}                  | payload  | range",
    })
    void refusesWhatTheRulesDoNotAllow(String body, String field, String rule) {
        post(body)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").value(actual -> assertThat((String) actual).startsWith(field))
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    @Test
    void aBooleanFieldSaysItWantsABoolean() {
        post("{\"flag\": {}}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("flag")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("true or false"));
    }

    @Test
    void refusesAnythingAfterTheJsonValue() {
        post("{\"name\": \"x\"} {\"name\": \"y\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void neverEchoesControlCharactersInItsMessages() {
        post("{\"at\": \"2026-12-01T10:00:00Z\\u0000\\u001b\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").value(message ->
                        assertThat((String) message).doesNotContain("\u0000", "\u001b").contains("\\u0000"));
    }

    private WebTestClient.ResponseSpec post(String json) {
        return client.post().uri("/echo").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
