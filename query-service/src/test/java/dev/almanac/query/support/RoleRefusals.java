package dev.almanac.query.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.problem.ProblemTypes;

/**
 * The 403 a read answers a caller who sees a calendar but lacks the role it needs (ADR 0027), and the 404 it answers one
 * with no role on it, to whom the calendar does not exist (ADR 0086), as every access test checks them.
 */
public final class RoleRefusals {

    private RoleRefusals() {
    }

    /**
     * Sends {@code request} and expects 403 problem+json of type forbidden naming {@code role} as the one required, with
     * {@code field} and the rule {@code role} in its first error; the body, for more checks.
     */
    public static WebTestClient.BodyContentSpec expectRefused(WebTestClient.RequestHeadersSpec<?> request, String role, String field) {
        return request.exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN)
                .jsonPath("$.required_role").isEqualTo(role)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo("role");
    }

    /**
     * Sends {@code request} and expects the 404 problem+json of something that does not exist, naming {@code field} with the
     * rule {@code exists} and no role: what a caller with no role on the calendar gets (ADR 0086); the body, for more checks.
     */
    public static WebTestClient.BodyContentSpec expectHidden(WebTestClient.RequestHeadersSpec<?> request, String field) {
        return request.exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.required_role").doesNotExist()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }
}
