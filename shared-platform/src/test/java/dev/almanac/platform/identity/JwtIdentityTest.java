package dev.almanac.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.TestIssuer;

/**
 * JWT mode with tokens signed here by a key pair made for the test: no issuer, no network. The
 * service trusts the public key, as {@code almanac.identity.jwt.public-key-location} tells it to.
 */
@WebFluxTest(controllers = WhoAmI.class, properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac"})
@Import(WhoAmI.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class JwtIdentityTest {

    private static final TestIssuer TRUSTED = TestIssuer.generate();
    private static final TestIssuer STRANGER = TestIssuer.generate();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> TRUSTED.publicKeyFile().toUri().toString());
    }

    @Test
    void aValidTokensSubjectIsTheActor() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice@example.com", List.of(), 300, TestIssuer.AUDIENCE))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice@example.com")
                .jsonPath("$.admin").isEqualTo(false);
    }

    @Test
    void aPathWithAMatrixParameterIsRefusedNamingThePathAndTheRuleTokenOrNot() {
        for (String path : List.of("/api/v1/whoami;x=1", "/api/v1;jsessionid=1/whoami")) {
            client.get().uri(java.net.URI.create(path)).header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice", List.of(), 300, TestIssuer.AUDIENCE))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("path")
                    .jsonPath("$.errors[0].rule").isEqualTo("matrix_parameters")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(path));
            client.get().uri(java.net.URI.create(path)).exchange().expectStatus().isBadRequest();
        }
    }

    @Test
    void theRolesClaimMakesAnAdmin() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("root", List.of("staff", "admin"), 300, TestIssuer.AUDIENCE))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void noTokenIsAnUnauthenticatedProblemWithABearerChallenge() {
        client.get().uri("/api/v1/whoami")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHENTICATED)
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.errors[0].field").isEqualTo("Authorization")
                .jsonPath("$.errors[0].rule").isEqualTo("required");
    }

    @Test
    void theDevelopmentHeaderIsNeverHonouredInJwtMode() {
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "root").header("X-Almanac-Roles", "admin")
                .exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice", List.of(), 300, TestIssuer.AUDIENCE))
                .header("X-Almanac-User", "root").header("X-Almanac-Roles", "admin")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice")
                .jsonPath("$.admin").isEqualTo(false);
    }

    @Test
    void anExpiredAForeignOrAGarbledTokenIsRefusedNamingTheBearerTokenRule() {
        for (String token : List.of(TRUSTED.bearer("alice", List.of(), -60, TestIssuer.AUDIENCE), STRANGER.bearer("alice", List.of(), 300, TestIssuer.AUDIENCE),
                "Bearer not.a.token", TRUSTED.bearer("not a user id", List.of(), 300, TestIssuer.AUDIENCE))) {
            client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                            .startsWith("Bearer error=\"invalid_token\""))
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHENTICATED)
                    .jsonPath("$.errors[0].rule").isEqualTo("bearer_token");
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice", List.of(), 300, "billing"))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aCalendarFeedIsReadByItsSecretTokenWithoutABearerTokenButOnlyByGet() {
        client.get().uri("/api/v1/feeds/q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL.ics").exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/feeds/q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL.ics").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void outsideTheManagementPortMetricsAndAComponentsHealthNeedAnAdminWhileProbesGetTheStatus() {
        String staff = TRUSTED.bearer("alice", List.of("staff"), 300, TestIssuer.AUDIENCE);
        String admin = TRUSTED.bearer("root", List.of("admin"), 300, TestIssuer.AUDIENCE);
        for (String read : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/health/db",
                "/actuator/env", "/actuator/health/readiness/kafkaListeners")) {
            client.get().uri(read).exchange().expectStatus().isUnauthorized();
            client.get().uri(read).header(HttpHeaders.AUTHORIZATION, staff).exchange().expectStatus().isForbidden();
            // Past the security chain an admin meets what the slice serves: no actuator, so 404.
            client.get().uri(read).header(HttpHeaders.AUTHORIZATION, admin).exchange().expectStatus().isNotFound();
        }
        for (String probed : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info")) {
            client.get().uri(probed).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void actuatorOperationsThatChangeThingsNeedAnAdminWhileItsReadsStayOpen() {
        client.post().uri("/actuator/republish").exchange().expectStatus().isUnauthorized();
        client.post().uri("/actuator/republish").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice", List.of("staff"), 300, TestIssuer.AUDIENCE))
                .exchange().expectStatus().isForbidden();
        client.delete().uri("/actuator/rulestate").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("alice", List.of("staff"), 300, TestIssuer.AUDIENCE))
                .exchange().expectStatus().isForbidden();
        // Past the security chain an admin meets what the slice serves: no actuator, so 404.
        client.post().uri("/actuator/republish").header(HttpHeaders.AUTHORIZATION, TRUSTED.bearer("root", List.of("admin"), 300, TestIssuer.AUDIENCE))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }

    @Test
    void pathsOutsideTheApiNeedNoToken() {
        client.get().uri("/open/ping").exchange().expectStatus().isOk();
    }

}
