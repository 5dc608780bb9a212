package dev.almanac.platform.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;

/** Development mode with tenants: the header names the tenant, calendars are closed as in production (ADR 0102). */
@WebFluxTest(controllers = WhoAmI.class, properties = {"almanac.identity.mode=development", "almanac.identity.tenancy=multi"})
@Import(WhoAmI.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class DevelopmentTenantIdentityTest {

    @Autowired
    WebTestClient client;

    @Test
    void withoutHeadersTheDevelopmentIdentityActsInTheDevelopmentTenant() {
        client.get().uri("/api/v1/whoami")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("local:developer")
                .jsonPath("$.tenant").isEqualTo("local")
                .jsonPath("$.ungranted").isEqualTo("closed");
    }

    @Test
    void theTenantHeaderNamesTheTenantAndAPlatformAdminIsItsAdmin() {
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "alice").header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("globex:alice")
                .jsonPath("$.admin").isEqualTo(false);
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "carol").header("X-Almanac-Roles", "platform-admin")
                .header(Callers.TENANT_HEADER, "globex")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.admin").isEqualTo(true)
                .jsonPath("$.platform_admin").isEqualTo(true);
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "alice").header(Callers.TENANT_HEADER, "Not A Tenant")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(Callers.TENANT_HEADER);
    }
}
