package dev.almanac.platform.identity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Answers the caller the security chain resolved, for the identity tests. */
@RestController
class WhoAmI {

    @GetMapping("/api/v1/whoami")
    Caller whoAmI(ServerWebExchange exchange) {
        return Callers.of(exchange);
    }

    @GetMapping("/api/v1/feeds/{token}.ics")
    String feed(@PathVariable String token) {
        return "feed " + token;
    }

    @GetMapping("/open/ping")
    String ping() {
        return "pong";
    }
}
