package dev.almanac.platform.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;
import dev.almanac.platform.problem.ProblemTypes;

/** Development mode: the header names the actor, or the development identity acts; nothing is verified. */
@WebFluxTest(controllers = WhoAmI.class, properties = "almanac.identity.mode=development")
@Import(WhoAmI.class)
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class DevelopmentIdentityTest {

    @Autowired
    WebTestClient client;

    @Test
    void withoutTheHeaderTheDevelopmentIdentityActsAsAnAdmin() {
        client.get().uri("/api/v1/whoami")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("developer")
                .jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void theHeaderNamesTheActorWhoIsAnAdminOnlyWhenTheRolesHeaderSaysSo() {
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "alice@example.com")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice@example.com")
                .jsonPath("$.admin").isEqualTo(false);
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "root").header("X-Almanac-Roles", "staff, admin")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void aHeaderThatIsNoUserIdIsABadRequestNamingIt() {
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "alice smith")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors[0].field").isEqualTo("X-Almanac-User")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    @Test
    void developmentModeRefusesToListenBeyondLoopbackUnlessAllowed() {
        IdentityProperties local = properties(false);

        assertThatThrownBy(() -> IdentityAutoConfiguration.requireLoopbackFor(local, "0.0.0.0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> IdentityAutoConfiguration.requireLoopbackFor(local, "192.0.2.10"))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> IdentityAutoConfiguration.requireLoopbackFor(local, "127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> IdentityAutoConfiguration.requireLoopbackFor(local, "::1")).doesNotThrowAnyException();
        assertThatCode(() -> IdentityAutoConfiguration.requireLoopbackFor(properties(true), "0.0.0.0")).doesNotThrowAnyException();
    }

    private static IdentityProperties properties(boolean allowRemote) {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("almanac.identity.mode", "development",
                "almanac.identity.allow-remote-development", Boolean.toString(allowRemote))))
                .bindOrCreate("almanac.identity", IdentityProperties.class);
    }
}
