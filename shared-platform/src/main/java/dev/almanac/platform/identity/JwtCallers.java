package dev.almanac.platform.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
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

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.UngrantedCalendars;

/**
 * JWT mode's identity: the token's subject is the actor, and the configured roles claim makes an
 * admin. A subject that is not a user id makes the token invalid (401), since it would be recorded
 * on events and compared with grants.
 */
final class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");

    private final String rolesClaim;
    private final String adminRole;

    JwtCallers(IdentityProperties.Jwt properties) {
        this.rolesClaim = properties.rolesClaim();
        this.adminRole = properties.adminRole();
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || !UserId.VALID.matcher(subject).matches()) {
            return Mono.error(new InvalidBearerTokenException("the token's subject (sub) must be a user id: 1-128 letters,"
                    + " digits or . _ : @ | + - starting with a letter or digit"));
        }
        List<GrantedAuthority> authorities = rolesOf(jwt).contains(adminRole) ? List.of(ADMIN) : List.of();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, subject));
    }

    /** The roles claim as a JSON array of names, or one string of names separated by spaces or commas. */
    List<String> rolesOf(Jwt jwt) {
        Object claim = jwt.getClaims().get(rolesClaim);
        if (claim instanceof Collection<?> names) {
            return names.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String names) {
            return Arrays.stream(names.split("[\\s,]+")).filter(name -> !name.isEmpty()).toList();
        }
        return List.of();
    }

    /** Puts the authenticated token's caller on the exchange, for the handlers ({@link Callers#of}). */
    static WebFilter callerOnTheExchange() {
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .doOnNext(token -> exchange.getAttributes().put(Callers.ATTRIBUTE,
                        new Caller(UserId.of(token.getName()), token.getAuthorities().contains(ADMIN), UngrantedCalendars.CLOSED)))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }
}
