package dev.almanac.platform.identity;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import dev.almanac.events.Tenant;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.problem.Violation;

/** The caller of a request, as the security filters resolved it before any handler ran. */
public final class Callers {

    /** The exchange attribute that holds the request's {@link Caller}. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /**
     * The tenant a platform admin acts in for one request, and a development request's tenant in multi-tenant mode
     * (ADR 0102). A tenant's own callers' tenant is their token's, and this header is ignored for them.
     */
    public static final String TENANT_HEADER = "X-Almanac-Tenant";

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

    /** The tenant {@value #TENANT_HEADER} names, sent once. */
    static Tenant chosenTenant(HttpHeaders headers) {
        List<String> named = headers.getOrDefault(TENANT_HEADER, List.of());
        if (named.isEmpty()) {
            throw ProblemException.invalid(TENANT_HEADER, "required", "a platform admin names the tenant of each request in "
                    + TENANT_HEADER + "; no request spans two tenants");
        }
        if (named.size() > 1 || !Tenant.VALID.matcher(named.get(0)).matches()) {
            throw ProblemException.invalid(TENANT_HEADER, "format", TENANT_HEADER + " must be sent once and name a tenant:"
                    + " 1-32 lower-case letters, digits or - starting with a letter or digit");
        }
        return Tenant.of(named.get(0));
    }

    static ProblemException unauthenticated(String rule, String message) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthenticated", message,
                List.of(new Violation("Authorization", rule, message)));
    }
}
