package dev.almanac.platform.identity;

import java.util.Arrays;
import java.util.List;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * Development mode's identity: {@value #USER_HEADER} names the acting user, and
 * {@value #ROLES_HEADER}{@code : admin} makes them an admin; a request without the header acts as
 * the configured development identity. Nothing is verified, which is why this mode is for the
 * local stack and the tests only (ADR 0027).
 */
final class DevelopmentIdentityFilter implements WebFilter {

    static final String USER_HEADER = "X-Almanac-User";
    static final String ROLES_HEADER = "X-Almanac-Roles";
    static final String ADMIN_ROLE = "admin";

    private final Caller developer;

    DevelopmentIdentityFilter(IdentityProperties properties) {
        this.developer = new Caller(UserId.of(properties.developmentActor()), properties.developmentAdmin(), UngrantedCalendars.OPEN);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller;
        try {
            caller = callerOf(exchange);
        } catch (ProblemException refused) {
            return ProblemResponses.write(exchange, refused);
        }
        exchange.getAttributes().put(Callers.ATTRIBUTE, caller);
        return chain.filter(exchange);
    }

    private Caller callerOf(ServerWebExchange exchange) {
        List<String> users = exchange.getRequest().getHeaders().get(USER_HEADER);
        if (users == null) {
            return developer;
        }
        if (users.size() > 1) {
            throw ProblemException.invalid(USER_HEADER, "format", USER_HEADER + " must be sent once, not " + users.size() + " times");
        }
        String user = users.get(0);
        if (!UserId.VALID.matcher(user).matches()) {
            throw ProblemException.invalid(USER_HEADER, "format", USER_HEADER + " must be a user id: 1-128 letters, digits or"
                    + " . _ : @ | + - starting with a letter or digit, but was '" + StrictInputModule.printable(user) + "'");
        }
        List<String> roles = exchange.getRequest().getHeaders().getOrDefault(ROLES_HEADER, List.of());
        boolean admin = roles.stream().flatMap(value -> Arrays.stream(value.split("[\\s,]+"))).anyMatch(ADMIN_ROLE::equals);
        return new Caller(UserId.of(user), admin, UngrantedCalendars.OPEN);
    }
}
