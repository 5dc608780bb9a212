package dev.almanac.platform.http;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * Refuses a request whose path holds a matrix parameter ({@code ;}) with a 400 problem naming the path and the rule
 * ({@link RequestSyntax#MATRIX_RULE}), before authentication and routing: WebFlux matches a path with its segments'
 * parameters stripped, so {@code /schedules/s-1;x=1/reschedule} would otherwise be served as {@code /schedules/s-1/reschedule}
 * (ADR 0086). The gateway refuses the same requests ({@link RequestSyntax#of}).
 */
public final class MatrixParametersRefused implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String refused = RequestSyntax.matrixParameters(exchange.getRequest().getURI().getRawPath());
        if (refused == null) {
            return chain.filter(exchange);
        }
        return ProblemResponses.write(exchange, ProblemException.invalid("path", RequestSyntax.MATRIX_RULE, refused));
    }
}
