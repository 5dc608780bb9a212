package dev.almanac.query.consistency;

import static dev.almanac.platform.input.StrictInputModule.printable;

import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.query.web.FilterOrders;

/**
 * Lets every read under {@code /api/v1} (all of query-service's requests there, two of them
 * {@code POST}s of availability checks) take a command's {@value ConsistencyToken#PARAMETER}: the
 * handler runs only once the write is held or the wait ran out, and the answer says which in
 * {@value Freshness#HEADER}. A token this service did not make is answered 400 naming the
 * parameter, as any other bad parameter is. The last filter ({@link FilterOrders#CONSISTENCY}), so that a read another
 * filter refuses (a calendar the caller may not see) is refused without waiting. A filter and not a controller
 * advice's model attribute, which cost every read of query-service, token or none, a handler method
 * built and its arguments resolved (docs/benchmarks.md, "Read your writes in a filter").
 */
@Component
public class ConsistencyFilter implements WebFilter, Ordered {

    private static final String API = "/api/v1/";

    private final ConsistencyGate gate;

    public ConsistencyFilter(ConsistencyGate gate) {
        this.gate = gate;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String token = request.getPath().value().startsWith(API) ? request.getQueryParams().getFirst(ConsistencyToken.PARAMETER) : null;
        if (token == null || token.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<ConsistencyToken> written = ConsistencyToken.decode(token);
        if (written.isEmpty()) {
            return ProblemResponses.write(exchange, ProblemException.invalid(ConsistencyToken.PARAMETER, "format",
                    ConsistencyToken.PARAMETER + " must be the " + ConsistencyToken.HEADER + " header of a command's answer, got '"
                            + printable(token) + "'"));
        }
        return gate.await(written.get())
                .doOnNext(freshness -> exchange.getResponse().getHeaders().set(Freshness.HEADER, freshness.wire()))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return FilterOrders.CONSISTENCY;
    }
}
