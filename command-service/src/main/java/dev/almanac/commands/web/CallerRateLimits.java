package dev.almanac.commands.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
 * <p>
 * The budget is counted in PostgreSQL, shared by every replica ({@link CommandCounts}, ADR 0093), and every counted
 * command's answer carries {@code RateLimit-Policy} and {@code RateLimit} (IETF draft httpapi-ratelimit-headers), as the
 * reads' do. Should PostgreSQL not answer, or {@code almanac.commands.rate-limit.shared} be false, each replica counts
 * on its own, as before, and {@code almanac_commands_uncounted_total} tells how often the shared count was missed.
 */
@Component
class CallerRateLimits implements WebFilter {

    private static final Set<HttpMethod> COMMANDS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final String RUN_REPORTS = "/api/v1/runs";
    private static final Duration REFILL = Duration.ofSeconds(1);
    /** A caller idle this long starts again with a full budget; it bounds the memory of callers seen. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(1);
    private static final long MOST_CALLERS_HELD = 100_000;
    static final String POLICY = "RateLimit-Policy";
    static final String REMAINING = "RateLimit";
    private static final Logger log = LoggerFactory.getLogger(CallerRateLimits.class);

    private final int perSecond;
    private final @Nullable CommandCounts shared;
    private final LoadingCache<String, RateLimiter> budgets;
    private final Counter refused;
    private final Counter uncounted;

    @Autowired
    CallerRateLimits(@Value("${almanac.commands.rate-limit.per-second:20}") int perSecond, ObjectProvider<CommandCounts> shared,
                     MeterRegistry meters) {
        this(perSecond, shared.getIfAvailable(), meters);
    }

    /** Counted per replica only. */
    CallerRateLimits(int perSecond, MeterRegistry meters) {
        this(perSecond, (CommandCounts) null, meters);
    }

    CallerRateLimits(int perSecond, @Nullable CommandCounts shared, MeterRegistry meters) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("almanac.commands.rate-limit.per-second must be 0 (off) or more, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.shared = shared;
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
        this.uncounted = Counter.builder("almanac.commands.uncounted")
                .description("Commands counted by their replica alone because the shared count in PostgreSQL did not answer")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (perSecond == 0 || !isCommand(exchange)) {
            return chain.filter(exchange);
        }
        // The security chain ran first; a request it let through without a caller is not an API command.
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return chain.filter(exchange);
        }
        String actor = caller.actor();
        if (shared == null) {
            return decide(exchange, chain, actor, locally(actor));
        }
        return shared.countOne(actor)
                .onErrorResume(failure -> {
                    uncounted.increment();
                    log.debug("Command of {} counted by this replica alone: {}", actor, failure.getMessage());
                    return Mono.fromSupplier(() -> locally(actor));
                })
                .flatMap(used -> decide(exchange, chain, actor, used));
    }

    /** The commands {@code actor} has sent this second by this replica's count, this one included (beyond the budget once refused). */
    private long locally(String actor) {
        RateLimiter budget = budgets.get(actor);
        return budget.acquirePermission() ? perSecond - Math.max(0, budget.getMetrics().getAvailablePermissions()) : perSecond + 1L;
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, String actor, long used) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(POLICY, "\"commands\";q=%d;w=%d".formatted(perSecond, REFILL.toSeconds()));
        headers.set(REMAINING, "\"commands\";r=%d;t=%d".formatted(Math.max(0, perSecond - used), REFILL.toSeconds()));
        if (used <= perSecond) {
            return chain.filter(exchange);
        }
        refused.increment();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(REFILL.toSeconds()));
        String message = actor + " sent more than " + perSecond + " commands in a second; retry after "
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
