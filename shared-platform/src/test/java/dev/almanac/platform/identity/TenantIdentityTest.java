package dev.almanac.platform.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.testing.TestIssuer;

/** Multi-tenant mode with signed tokens of two tenants (ADR 0102): who a token makes the caller, and what it refuses. */
@WebFluxTest(controllers = WhoAmI.class, properties = {"almanac.identity.mode=jwt", "almanac.identity.tenancy=multi"})
@Import(WhoAmI.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class TenantIdentityTest {

    private static final TestIssuer ISSUER = TestIssuer.generate();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void trustTheTestKey(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    @Test
    void aTenantsUserActsAsTenantColonSubjectAndNoHeaderMovesThemToAnotherTenant() {
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, ISSUER.bearerOfTenant("acme", "alice", List.of("admin")))
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("acme:alice")
                .jsonPath("$.tenant").isEqualTo("acme")
                .jsonPath("$.admin").isEqualTo(true)
                .jsonPath("$.platform_admin").isEqualTo(false);
    }

    @Test
    void aTokenWithoutATenantOrWithAMalformedOneIsRefused() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(Map.of(), Map.of("tenant", "Acme"), Map.of("tenant", "a:b"),
                Map.of("tenant", List.of("acme")))) {
            client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, ISSUER.bearer("alice", List.of(), 300, TestIssuer.AUDIENCE, claims))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors[0].rule").isEqualTo("bearer_token")
                    .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("tenant"));
        }
    }

    @Test
    void aPlatformAdminActsAsTheAdminOfTheTenantTheHeaderNames() {
        String support = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, support).header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("support:carol")
                .jsonPath("$.tenant").isEqualTo("globex")
                .jsonPath("$.admin").isEqualTo(true)
                .jsonPath("$.platform_admin").isEqualTo(true);
    }

    @Test
    void aPlatformAdminWithoutOneValidTenantHeaderIsABadRequestNamingIt() {
        String support = ISSUER.bearerOfTenant("support", "carol", List.of("platform-admin"));
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, support)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(Callers.TENANT_HEADER)
                .jsonPath("$.errors[0].rule").isEqualTo("required");
        client.get().uri("/api/v1/whoami").header(HttpHeaders.AUTHORIZATION, support).header(Callers.TENANT_HEADER, "Globex Inc")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(Callers.TENANT_HEADER)
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }
}
