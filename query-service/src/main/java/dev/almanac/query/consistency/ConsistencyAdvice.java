package dev.almanac.query.consistency;

import static dev.almanac.platform.input.StrictInputModule.printable;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;

/**
 * Lets every read of query-service take a command's {@value ConsistencyToken#PARAMETER}. Runs
 * before the handler, so the handler reads only once the write is held or the wait ran out; the
 * answer says which in {@value Freshness#HEADER}. A model attribute rather than a web filter, so
 * that a token this service did not make is answered by the same problem handler as any other
 * bad parameter.
 */
@ControllerAdvice(basePackages = "dev.almanac.query")
public class ConsistencyAdvice {

    private final ConsistencyGate gate;

    public ConsistencyAdvice(ConsistencyGate gate) {
        this.gate = gate;
    }

    @ModelAttribute
    public Mono<Void> readYourWrites(@RequestParam(name = ConsistencyToken.PARAMETER, required = false) @Nullable String token,
                                     ServerWebExchange exchange) {
        if (token == null || token.isEmpty()) {
            return Mono.empty();
        }
        ConsistencyToken written = ConsistencyToken.decode(token).orElseThrow(() -> ProblemException.invalid(ConsistencyToken.PARAMETER,
                "format", ConsistencyToken.PARAMETER + " must be the " + ConsistencyToken.HEADER
                        + " header of a command's answer, got '" + printable(token) + "'"));
        return gate.await(written)
                .doOnNext(freshness -> exchange.getResponse().getHeaders().set(Freshness.HEADER, freshness.wire()))
                .then();
    }
}
