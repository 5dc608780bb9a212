package dev.almanac.platform.identity;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * A request without a usable bearer token: 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) and a
 * problem document naming {@code Authorization}: rule {@code required} when no token came, rule
 * {@code bearer_token} when the token is malformed, expired, wrongly signed, for another issuer or
 * audience, or names no user. A malformed token is 401 too, not RFC 6750's 400: the client's remedy
 * is the same, a new token.
 */
final class UnauthenticatedAnswers implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        ProblemException problem;
        String challenge;
        if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError error) {
            String why = headerSafe(error.getDescription() == null ? error.getErrorCode() : error.getDescription());
            problem = Callers.unauthenticated("bearer_token", "the bearer token is not accepted: " + why);
            challenge = "Bearer error=\"" + error.getErrorCode() + "\", error_description=\"" + why + "\"";
        } else {
            problem = Callers.unauthenticated("required", "this request needs a bearer token (Authorization: Bearer <token>)");
            challenge = "Bearer";
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return ProblemResponses.write(exchange, problem);
    }

    /** Printable ASCII without quotes or backslashes, at most 200 characters: safe inside a quoted header parameter. */
    static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder();
        text.chars().limit(200).forEach(c -> safe.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
        return safe.toString();
    }
}
