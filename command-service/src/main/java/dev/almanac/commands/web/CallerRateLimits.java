package dev.almanac.commands.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.problem.Violation;

/**
 * The per-user rate limit on changes (F033-RATE, DEP-RATE; its source's "mass rescheduling" threat): every command a caller
 * sends (a POST, PUT, PATCH or DELETE under {@code /api/}) draws on that caller's budget of
 * {@code almanac.commands.rate-limit.per-second} commands, refilled each second. Beyond it the
 * command is answered 429 with {@code Retry-After} before its body is read, so nothing is decided
 * or written. Reads are not limited here, nor run reports ({@code /api/v1/runs}): an executor reports
 * every run of every rule it runs, as fast as they happen. Admins are not limited: the emergency
 * pause-all and repairs must go through when everything else is refused. 0 turns the limit off
 * (ADR 0042).
 */
@Component
class CallerRateLimits implements WebFilter {

    private static final Set<HttpMethod> COMMANDS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final String RUN_REPORTS = "/api/v1/runs";
    private static final Duration REFILL = Duration.ofSeconds(1);
    /** A caller idle this long starts again with a full budget; it bounds the memory of callers seen. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(1);
    private static final long MOST_CALLERS_HELD = 100_000;

    private final int perSecond;
    private final LoadingCache<String, RateLimiter> budgets;
    private final Counter refused;

    CallerRateLimits(@Value("${almanac.commands.rate-limit.per-second:20}") int perSecond, MeterRegistry meters) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("almanac.commands.rate-limit.per-second must be 0 (off) or more, not " + perSecond);
        }
        this.perSecond = perSecond;
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(Math.max(perSecond, 1))
                .limitRefreshPeriod(REFILL)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.budgets = Caffeine.newBuilder()
                .expireAfterAccess(FORGOTTEN_AFTER)
                .maximumSize(MOST_CALLERS_HELD)
                .build(actor -> RateLimiter.of(actor, config));
        this.refused = Counter.builder("almanac.commands.rate.limited")
                .description("Commands refused with 429 because their caller had used up its budget for the second")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (perSecond == 0 || !isCommand(exchange)) {
            return chain.filter(exchange);
        }
        // The security chain ran first; a request it let through without a caller is not an API command.
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin() || budgets.get(caller.actor()).acquirePermission()) {
            return chain.filter(exchange);
        }
        refused.increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(REFILL.toSeconds()));
        String message = caller.actor() + " sent more than " + perSecond + " commands in a second; retry after "
                + REFILL.toSeconds() + " s, or change several items at once with POST /api/v1/schedules/bulk-reschedule";
        return ProblemResponses.write(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS,
                "Too many requests", message, List.of(new Violation("request", "rate_limit", message))));
    }

    private static boolean isCommand(ServerWebExchange exchange) {
        return counts(exchange.getRequest().getMethod(), exchange.getRequest().getPath().value());
    }

    /** Whether a request of {@code method} on {@code path} (a path or an OpenAPI path template) draws on the budget. */
    static boolean counts(HttpMethod method, String path) {
        return COMMANDS.contains(method) && path.startsWith("/api/") && !(path.equals(RUN_REPORTS) || path.startsWith(RUN_REPORTS + "/"));
    }
}
