package dev.almanac.query;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import dev.almanac.query.support.EmbeddedQueryService;

@TestPropertySource(properties = "management.endpoint.health.show-details=always")
class ScratchHealthIT extends EmbeddedQueryService {
    @Test
    void dump() {
        System.out.println("HEALTH " + client.get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getResponseBody());
    }
}
