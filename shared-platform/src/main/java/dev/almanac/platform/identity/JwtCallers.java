package dev.almanac.platform.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * JWT mode's identity: the token's subject is the actor, and the configured roles claim makes an
 * admin. A subject that is not a user id makes the token invalid (401), since it would be recorded
 * on events and compared with grants. In multi-tenant mode (ADR 0102) the tenant claim is required too, and the actor
 * is {@code <tenant>:<subject>}; a platform admin names the tenant of each request in {@value Callers#TENANT_HEADER}.
 */
final class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");
    static final GrantedAuthority PLATFORM_ADMIN = new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN");

    private final IdentityProperties.Jwt properties;
    private final TenancyMode tenancy;

    JwtCallers(IdentityProperties properties) {
        this.properties = properties.jwt();
        this.tenancy = properties.tenancy();
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || !UserId.VALID.matcher(subject).matches()) {
            return Mono.error(new InvalidBearerTokenException("the token's subject (sub) must be a user id: 1-128 letters,"
                    + " digits or . _ : @ | + - starting with a letter or digit"));
        }
        String actor = subject;
        List<String> roles = rolesOf(jwt);
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (tenancy == TenancyMode.MULTI) {
            Tenant home = tenantOf(jwt);
            if (home == null) {
                return Mono.error(new InvalidBearerTokenException("the token's tenant claim (" + properties.tenantClaim()
                        + ") must name a tenant: 1-32 lower-case letters, digits or - starting with a letter or digit"));
            }
            actor = home.qualify(subject);
            if (!UserId.VALID.matcher(actor).matches()) {
                return Mono.error(new InvalidBearerTokenException("the tenant and the subject together, " + home.prefix()
                        + "<sub>, must be a user id of at most 128 characters"));
            }
            if (roles.contains(properties.platformAdminRole())) {
                authorities.add(PLATFORM_ADMIN);
                authorities.add(ADMIN);
            }
        }
        if (roles.contains(properties.adminRole()) && !authorities.contains(ADMIN)) {
            authorities.add(ADMIN);
        }
        return Mono.just(new JwtAuthenticationToken(jwt, List.copyOf(authorities), actor));
    }

    /** The roles claim as a JSON array of names, or one string of names separated by spaces or commas. */
    List<String> rolesOf(Jwt jwt) {
        Object claim = jwt.getClaims().get(properties.rolesClaim());
        if (claim instanceof Collection<?> names) {
            return names.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String names) {
            return Arrays.stream(names.split("[\\s,]+")).filter(name -> !name.isEmpty()).toList();
        }
        return List.of();
    }

    private @Nullable Tenant tenantOf(Jwt jwt) {
        Object claim = jwt.getClaims().get(properties.tenantClaim());
        return claim instanceof String name && Tenant.VALID.matcher(name).matches() ? Tenant.of(name) : null;
    }

    /**
     * Puts the authenticated token's caller on the exchange, for the handlers ({@link Callers#of}); a platform admin's
     * request without a valid {@value Callers#TENANT_HEADER} is answered 400 here.
     */
    WebFilter callerOnTheExchange() {
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .flatMap(token -> {
                    try {
                        exchange.getAttributes().put(Callers.ATTRIBUTE, callerOf(token, exchange.getRequest().getHeaders()));
                        return Mono.just(true);
                    } catch (ProblemException refused) {
                        return ProblemResponses.write(exchange, refused).thenReturn(false);
                    }
                })
                .defaultIfEmpty(true)
                .flatMap(proceed -> proceed ? chain.filter(exchange) : Mono.empty());
    }

    private Caller callerOf(JwtAuthenticationToken token, HttpHeaders headers) {
        UserId actor = UserId.of(token.getName());
        boolean admin = token.getAuthorities().contains(ADMIN);
        if (tenancy == TenancyMode.SINGLE) {
            return new Caller(actor, admin, UngrantedCalendars.CLOSED);
        }
        if (token.getAuthorities().contains(PLATFORM_ADMIN)) {
            return new Caller(actor, true, UngrantedCalendars.CLOSED, Callers.chosenTenant(headers), true);
        }
        return new Caller(actor, admin, UngrantedCalendars.CLOSED, tenantOf(token.getToken()), false);
    }
}
