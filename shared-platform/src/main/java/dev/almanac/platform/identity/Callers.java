package dev.almanac.platform.identity;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.problem.Violation;

/** The caller of a request, as the security filters resolved it before any handler ran. */
public final class Callers {

    /** The exchange attribute that holds the request's {@link Caller}. */
    public static final String ATTRIBUTE = Caller.class.getName();

    private Callers() {
    }

    /**
     * @throws ProblemException 401 when the request was not authenticated, which the security chain
     *         already refuses for every API path; a handler outside those paths that asks gets the same answer
     */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw unauthenticated("required", "this request needs a bearer token (Authorization: Bearer <token>)");
        }
        return caller;
    }

    static ProblemException unauthenticated(String rule, String message) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthenticated", message,
                List.of(new Violation("Authorization", rule, message)));
    }
}
