package dev.almanac.query.access;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

import dev.almanac.events.Identifiers;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.query.web.FilterOrders;

/**
 * The tenant rule for every id in a path (ADR 0102): in multi-tenant mode, a request whose path names an id of another
 * tenant than the caller's ({@link Caller#mayKnow}) is answered as the same request of an id that does not exist (the 404
 * of ADR 0086), before any other check, on every endpoint of this service. The ids are the path variables named {@code id}
 * or {@code …Id} of the endpoint the path maps to, read from the handler mapping itself, so that an endpoint added later
 * is checked without being listed. Ids in query parameters and bodies name calendars, and {@link CalendarReaders} applies
 * the same rule first to each; in single-tenant mode this filter does nothing. A derived id (an occurrence's, a conflict's,
 * a notification's: {@link Identifiers#derive}) is a digest that names no tenant: it is let through to its endpoint, which
 * tells it by what it belongs to (the occurrence's and the conflict's calendar, the notification's recipient) with the
 * same rule, and answers another tenant's as one that does not exist.
 */
@Component
@Order(FilterOrders.TENANT)
public class TenantIds implements WebFilter {

    /** The endpoints' paths, by specificity, as the handler mapping chooses among them; read once, at the first request. */
    private volatile @Nullable List<PathPattern> patterns;
    private final RequestMappingHandlerMapping mapping;

    TenantIds(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.tenant() == null) {
            return chain.filter(exchange);
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        Optional<ProblemException> unknown = patterns().stream().filter(pattern -> pattern.matches(path)).findFirst()
                .flatMap(pattern -> firstForeignId(caller, pattern, Objects.requireNonNull(pattern.matchAndExtract(path)).getUriVariables()));
        return unknown.isPresent() ? ProblemResponses.write(exchange, unknown.get()) : chain.filter(exchange);
    }

    private static Optional<ProblemException> firstForeignId(Caller caller, PathPattern pattern, Map<String, String> variables) {
        String template = pattern.getPatternString();
        // In the order of the path: a change request's rule is checked before the change request.
        return variables.entrySet().stream()
                .filter(variable -> isId(variable.getKey()) && !Identifiers.isDerived(variable.getValue())
                        && !caller.mayKnow(variable.getValue()))
                .sorted(Comparator.comparingInt(variable -> template.indexOf('{' + variable.getKey() + '}')))
                .findFirst()
                .map(variable -> asUnknown(template, variable.getKey(), variable.getValue(), variables));
    }

    static boolean isId(String variable) {
        return variable.equals("id") || variable.endsWith("Id");
    }

    /** The 404 each endpoint answers for an id that does not exist, word for word, so that the two cannot be told apart. */
    static ProblemException asUnknown(String template, String variable, String id, Map<String, String> variables) {
        if (variable.equals("changeRequestId")) {
            return ProblemException.notFound("change_request_id", "rule " + variables.get("id") + " has no change request '" + id + "'");
        }
        if (template.equals("/api/v1/calendars/{id}/notification-policy")) {
            return ProblemException.notFound("id", "calendar " + id + " has no notification policy; its managers set one with PUT "
                    + "/api/v1/calendars/" + id + "/notification-policy");
        }
        if (template.startsWith("/api/v1/calendars/{id}")) {
            return CalendarReaders.noSuchCalendar("id", id);
        }
        if (template.startsWith("/api/v1/schedules/rules/{id}")) {
            return ProblemException.notFound("id", "no rule has the id '" + id + "'");
        }
        if (template.startsWith("/api/v1/schedules/{id}")) {
            return ProblemException.notFound("id", "no item or occurrence has the id '" + id + "'");
        }
        if (template.startsWith("/api/v1/conflicts/{id}")) {
            return ProblemException.notFound("id", "no conflict has the id '" + id + "'");
        }
        if (template.startsWith("/api/v1/notifications/{id}")) {
            return ProblemException.notFound("id", "you have no notification with the id '" + id + "'");
        }
        if (template.startsWith("/api/v1/resources/{id}")) {
            return ProblemException.notFound("id", "no resource has the id '" + id + "'");
        }
        return ProblemException.notFound(variable, "nothing has the id '" + id + "'");
    }

    /** Every endpoint's path patterns, most specific first: the one a path maps to is the first that matches it. */
    List<PathPattern> patterns() {
        List<PathPattern> read = patterns;
        if (read == null) {
            read = mapping.getHandlerMethods().keySet().stream()
                    .flatMap(info -> info.getPatternsCondition().getPatterns().stream())
                    .distinct()
                    .sorted(PathPattern.SPECIFICITY_COMPARATOR)
                    .toList();
            patterns = read;
        }
        return read;
    }
}
