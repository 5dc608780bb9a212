package dev.almanac.platform.problem;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.identity.IdentityAutoConfiguration;
import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;

@WebFluxTest(controllers = ProblemDetailsAdviceTest.SampleController.class)
@Import(ProblemDetailsAdviceTest.SampleController.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class ProblemDetailsAdviceTest {

    @Autowired
    WebTestClient client;

    record SampleRequest(@NotBlank String calendarId, Instant start, Priority priority,
                         @Size(max = 2) List<String> tags) {
    }

    @RestController
    static class SampleController {

        @PostMapping("/samples")
        SampleRequest create(@Valid @RequestBody SampleRequest request) {
            return request;
        }

        @GetMapping("/samples/{id}")
        String find(@PathVariable String id) {
            throw ProblemException.notFound("id", "no sample " + id);
        }

        @GetMapping("/samples")
        String list(@RequestParam("from") Instant from) {
            return from.toString();
        }

        @GetMapping("/busy")
        String busy() {
            throw ProblemException.unavailable("the queue is full", java.time.Duration.ofSeconds(2));
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    @Test
    void acceptsAWellFormedRequestInSnakeCase() {
        post("{\"calendar_id\":\"c1\",\"start\":\"2026-12-01T10:00:00-05:00\",\"priority\":\"high\",\"tags\":[]}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo("c1")
                .jsonPath("$.start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.priority").isEqualTo("high");
    }

    @Test
    void namesTheFieldOfAMalformedInstant() {
        post("{\"calendar_id\":\"c1\",\"start\":\"next tuesday\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.instance").isEqualTo("/samples")
                .jsonPath("$.errors[0].field").isEqualTo("start")
                .jsonPath("$.errors[0].rule").isEqualTo("rfc3339");
    }

    @Test
    void listsTheAllowedValuesOfAnEnum() {
        post("{\"calendar_id\":\"c1\",\"priority\":\"urgent-ish\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("priority")
                .jsonPath("$.errors[0].message").value(message ->
                        org.assertj.core.api.Assertions.assertThat((String) message).contains("low, normal, high, critical"));
    }

    @Test
    void rejectsAnUnknownFieldRatherThanDroppingIt() {
        post("{\"calendar_id\":\"c1\",\"strat\":\"2026-12-01T10:00:00Z\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("strat")
                .jsonPath("$.errors[0].rule").isEqualTo("unknown_field");
    }

    @Test
    void reportsSyntaxErrorsAgainstTheBody() {
        post("{\"calendar_id\": \"c1\",")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.MALFORMED_BODY)
                .jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.errors[0].rule").isEqualTo("json_syntax");
    }

    @Test
    void namesBeanValidationFieldsByTheirWireNames() {
        post("{\"calendar_id\":\" \",\"tags\":[\"a\",\"b\",\"c\"]}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'calendar_id')].rule").isEqualTo("required")
                .jsonPath("$.errors[?(@.field == 'tags')].rule").isEqualTo("size");
    }

    @Test
    void requiresABody() {
        client.post().uri("/samples").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void namesAMissingOrMalformedQueryParameter() {
        client.get().uri("/samples").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[0].rule").isEqualTo("required");
        client.get().uri("/samples?from=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    @Test
    void rendersDomainProblemsWithTheirStatus() {
        client.get().uri("/samples/s-9").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.detail").isEqualTo("no sample s-9");
    }

    @Test
    void answersAnUnknownRouteAsAProblem() {
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND);
        client.delete().uri("/samples").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.METHOD_NOT_ALLOWED);
    }

    @Test
    void hidesInternalsOfAnUnexpectedFailure() {
        client.get().uri("/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.INTERNAL)
                .jsonPath("$.detail").value(detail ->
                        org.assertj.core.api.Assertions.assertThat((String) detail).doesNotContain("secret"));
    }

    @Test
    void aServiceBusyForAWhileSaysHowLongToWait() {
        client.get().uri("/busy").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAVAILABLE);
    }

    private WebTestClient.ResponseSpec post(String json) {
        return client.post().uri("/samples").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
