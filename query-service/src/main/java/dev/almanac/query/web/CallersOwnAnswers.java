package dev.almanac.query.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Marks every read under {@code /api/v1} that says nothing of its own caching as the caller's own:
 * {@code Cache-Control: private, no-cache} and {@code Vary} on the headers that name the caller. A
 * read leaves out what the caller may not see (ADR 0027), so a shared cache must not hand one
 * caller's answer to another, and a browser that two users share must not either; {@code no-cache}
 * makes clients ask again each time, which the ETags turn into a 304 when nothing changed. Reads
 * that set their own {@code Cache-Control} (the calendar configuration, the same for everyone)
 * keep it. Both identity modes' headers are named: in either mode the other's are ignored, so
 * varying on them splits a cache's entries but never merges two callers'.
 */
@Component
@Order(FilterOrders.BEFORE_CONSISTENCY)
public class CallersOwnAnswers implements WebFilter {

    private static final String CACHE_CONTROL = "private, no-cache";
    /** The JWT mode's header and development mode's ({@code DevelopmentIdentityFilter}). */
    private static final List<String> CALLER_HEADERS = List.of(HttpHeaders.AUTHORIZATION, "X-Almanac-User", "X-Almanac-Roles");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD || !exchange.getRequest().getPath().value().startsWith("/api/v1/")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        exchange.getResponse().beforeCommit(() -> {
            if (headers.getCacheControl() == null) {
                headers.setCacheControl(CACHE_CONTROL);
                headers.setVary(vary(headers.getVary()));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** The response's own {@code Vary} tokens (a window's {@code Accept-Encoding}), then the caller's headers it lacks. */
    private static List<String> vary(List<String> own) {
        List<String> tokens = new ArrayList<>(own);
        for (String header : CALLER_HEADERS) {
            if (tokens.stream().noneMatch(header::equalsIgnoreCase)) {
                tokens.add(header);
            }
        }
        return tokens;
    }
}
