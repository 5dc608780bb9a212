package dev.almanac.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.server.ObservationWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.json.AlmanacJsonAutoConfiguration;
import dev.almanac.platform.problem.ProblemDetailsAutoConfiguration;

/** With an observation registry in the context, as every service has, Spring Security still builds no observations. */
@WebFluxTest(controllers = WhoAmI.class, properties = "almanac.identity.mode=development")
@Import({WhoAmI.class, SecurityUnobservedTest.Observed.class})
@ImportAutoConfiguration({AlmanacJsonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class, IdentityAutoConfiguration.class})
class SecurityUnobservedTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Observed {

        /** With a handler, as the services' registry has its meters': a registry without one counts as a no-op. */
        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(context -> true);
            return registry;
        }
    }

    @Autowired
    WebFilterChainProxy securityChain;

    @Autowired
    WebTestClient client;

    @Test
    void theSecurityChainIsNotWrappedInObservations() {
        assertThat(ReflectionTestUtils.getField(securityChain, "filterChainDecorator")).isNotInstanceOf(ObservationWebFilterChainDecorator.class);
        client.get().uri("/api/v1/whoami").header("X-Almanac-User", "alice")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("alice");
    }
}
