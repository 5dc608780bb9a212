package dev.almanac.query.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.problem.ProblemTypes;

/** The 403 a read answers a caller without the role it needs on a calendar (ADR 0027), as every access test checks it. */
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
}
