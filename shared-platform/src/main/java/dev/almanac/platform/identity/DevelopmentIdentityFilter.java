package dev.almanac.platform.identity;

import java.util.Arrays;
import java.util.List;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * Development mode's identity: {@value #USER_HEADER} names the acting user, and
 * {@value #ROLES_HEADER}{@code : admin} makes them an admin; a request without the header acts as
 * the configured development identity. Nothing is verified, which is why this mode is for the
 * local stack and the tests only (ADR 0027). In multi-tenant mode {@value Callers#TENANT_HEADER} names the tenant
 * (the configured development tenant without it), the actor is {@code <tenant>:<user>}, and
 * {@code X-Almanac-Roles: platform-admin} makes a platform admin of it (ADR 0102).
 */
final class DevelopmentIdentityFilter implements WebFilter {

    static final String USER_HEADER = "X-Almanac-User";
    static final String ROLES_HEADER = "X-Almanac-Roles";
    static final String ADMIN_ROLE = "admin";
    static final String PLATFORM_ADMIN_ROLE = "platform-admin";

    private final IdentityProperties properties;

    DevelopmentIdentityFilter(IdentityProperties properties) {
        this.properties = properties;
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
            return caller(exchange, properties.developmentActor(), properties.developmentAdmin() ? List.of(ADMIN_ROLE) : List.of());
        }
        if (users.size() > 1) {
            throw ProblemException.invalid(USER_HEADER, "format", USER_HEADER + " must be sent once, not " + users.size() + " times");
        }
        String user = users.get(0);
        if (!UserId.VALID.matcher(user).matches()) {
            throw ProblemException.invalid(USER_HEADER, "format", USER_HEADER + " must be a user id: 1-128 letters, digits or"
                    + " . _ : @ | + - starting with a letter or digit, but was '" + StrictInputModule.printable(user) + "'");
        }
        List<String> roles = exchange.getRequest().getHeaders().getOrDefault(ROLES_HEADER, List.of()).stream()
                .flatMap(value -> Arrays.stream(value.split("[\\s,]+"))).toList();
        return caller(exchange, user, roles);
    }

    private Caller caller(ServerWebExchange exchange, String user, List<String> roles) {
        boolean admin = roles.contains(ADMIN_ROLE);
        if (properties.tenancy() == TenancyMode.SINGLE) {
            return new Caller(UserId.of(user), admin, UngrantedCalendars.OPEN);
        }
        List<String> named = exchange.getRequest().getHeaders().getOrDefault(Callers.TENANT_HEADER, List.of());
        Tenant tenant = named.isEmpty() ? Tenant.of(properties.developmentTenant()) : Callers.chosenTenant(exchange.getRequest().getHeaders());
        String actor = tenant.qualify(user);
        if (!UserId.VALID.matcher(actor).matches()) {
            throw ProblemException.invalid(USER_HEADER, "format", "the tenant and " + USER_HEADER + " together, " + tenant.prefix()
                    + "<user>, must be a user id of at most 128 characters");
        }
        boolean platformAdmin = roles.contains(PLATFORM_ADMIN_ROLE);
        return new Caller(UserId.of(actor), admin || platformAdmin, UngrantedCalendars.CLOSED, tenant, platformAdmin);
    }
}
