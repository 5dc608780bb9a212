package dev.almanac.query.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.problem.Violation;

/**
 * Read limits per caller and family (OWASP API4; seed 004's 100 requests an hour, then 429): each read draws on its
 * caller's budget for the family's window, counted in the shared store ({@link ReadCounters}), and every limited answer
 * carries {@code RateLimit-Policy} and {@code RateLimit} (IETF draft httpapi-ratelimit-headers). Beyond the budget the
 * read is answered 429 with {@code Retry-After} until the window ends, before any read model is read. Live streams are
 * capped by how many a caller holds open on every replica together, as leases in the same store ({@link StreamLeases}).
 * Admins are not limited, as with commands (ADR 0042). Should the
 * store not answer, the read goes through: a limit must not take reads down with it (ADR 0092), and a live stream is
 * capped by this replica's count alone (ADR 0093).
 */
@Component
class ReadLimits implements WebFilter {

    static final String POLICY = "RateLimit-Policy";
    static final String REMAINING = "RateLimit";
    private static final String STREAM = "/api/v1/stream";
    private static final String FEEDS = "/api/v1/feeds/";
    private static final Logger log = LoggerFactory.getLogger(ReadLimits.class);
    /** How long a stream's opening waits for its lease before this replica's count decides alone. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(2);

    private final ReadLimitSettings settings;
    private final ReadCounters counters;
    private final StreamLeases leases;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Counter uncounted;
    private final Counter streamsUnleased;

    @Autowired
    ReadLimits(ReadLimitSettings settings, ReadCounters counters, StreamLeases leases, ObjectProvider<Clock> clock, MeterRegistry meters) {
        this(settings, counters, leases, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    ReadLimits(ReadLimitSettings settings, ReadCounters counters, StreamLeases leases, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.counters = counters;
        this.leases = leases;
        this.clock = clock;
        this.meters = meters;
        this.uncounted = Counter.builder("almanac.query.reads.uncounted")
                .description("Reads let through without counting because the read-limit store did not answer").register(meters);
        this.streamsUnleased = Counter.builder("almanac.query.streams.unleased")
                .description("Live streams capped by their replica's count alone because the read-limit store did not answer").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().value();
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller != null && caller.admin()) {
            return chain.filter(exchange);
        }
        if (HttpMethod.GET.equals(method) && path.equals(STREAM) && caller != null && settings.streamsPerCaller() > 0) {
            return streamWithin(exchange, chain, caller.actor());
        }
        ReadFamily family = ReadFamily.of(method, path);
        String key = family == null ? null : keyOf(caller, path);
        int quota = family == null ? 0 : settings.quota(family);
        if (family == null || key == null || quota == 0) {
            return chain.filter(exchange);
        }
        Duration length = settings.window(family);
        Instant now = clock.instant();
        Instant start = ReadCounters.windowStart(now, length);
        long resetIn = Math.max(1, Duration.between(now, start.plus(length)).toSeconds());
        return counters.countOne(family, key, start, length, quota)
                .map(count -> (Object) count)
                .onErrorResume(failure -> {
                    uncounted.increment();
                    log.debug("Read not counted: {}", failure.getMessage());
                    return Mono.just(Boolean.FALSE);
                })
                .flatMap(counted -> {
                    if (!(counted instanceof Long count)) {
                        return chain.filter(exchange);
                    }
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(POLICY, "\"%s\";q=%d;w=%d".formatted(family.policyName(), quota, length.toSeconds()));
                    headers.set(REMAINING, "\"%s\";r=%d;t=%d".formatted(family.policyName(), Math.max(0, quota - count), resetIn));
                    if (count <= quota) {
                        return chain.filter(exchange);
                    }
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(resetIn));
                    refused(family.policyName());
                    String message = "%s made more than %d %s in %s; retry after %d s".formatted(
                            caller == null ? "this feed" : caller.actor(), quota, describe(family), describe(length), resetIn);
                    return ProblemResponses.write(exchange, tooMany(message));
                });
    }

    private Mono<Void> streamWithin(ServerWebExchange exchange, WebFilterChain chain, String actor) {
        int cap = settings.streamsPerCaller();
        AtomicInteger open = openStreams.computeIfAbsent(actor, ignored -> new AtomicInteger());
        if (open.incrementAndGet() > cap) {
            // This replica alone holds the cap already: no need to ask the store.
            release(actor, open);
            return refuseStream(exchange, actor, cap);
        }
        return Mono.defer(() -> {
            // Taken whatever becomes of the request, so that a client gone while the store answers still gives its lease back.
            CompletableFuture<Optional<String>> taking = leases.take(actor, cap)
                    .timeout(STORE_WAIT)
                    .onErrorResume(failure -> {
                        streamsUnleased.increment();
                        log.debug("Live stream of {} capped by this replica alone: {}", actor, failure.getMessage());
                        return Mono.just(Optional.of(StreamLeases.NOT_LEASED));
                    })
                    .toFuture();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    release(actor, open);
                    taking.thenAccept(lease -> lease.ifPresent(held -> leases.release(held).subscribe(ignored -> { },
                            failure -> log.debug("Lease of a closed live stream left to end: {}", failure.getMessage()))));
                }
            };
            return Mono.fromFuture(taking, true)
                    .flatMap(lease -> {
                        if (lease.isEmpty()) {
                            end.run();
                            return refuseStream(exchange, actor, cap);
                        }
                        return chain.filter(exchange).doFinally(signal -> end.run());
                    })
                    .doOnCancel(end);
        });
    }

    private Mono<Void> refuseStream(ServerWebExchange exchange, String actor, int cap) {
        refused("streams");
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
        return ProblemResponses.write(exchange, tooMany("%s holds %d live streams open already, the most a caller may; close one, or retry after 30 s"
                .formatted(actor, cap)));
    }

    private void release(String actor, AtomicInteger open) {
        if (open.decrementAndGet() <= 0) {
            openStreams.remove(actor, open);
        }
    }

    /** How many live streams {@code actor} holds open on this replica now (every replica's are in {@link StreamLeases}). */
    int openStreamsOf(String actor) {
        AtomicInteger open = openStreams.get(actor);
        return open == null ? 0 : open.get();
    }

    private void refused(String family) {
        Counter.builder("almanac.query.reads.limited").tag("family", family)
                .description("Reads answered 429 because their caller had used up its budget for the family's window")
                .register(meters).increment();
    }

    /** The caller's actor, or for a subscription feed, which its token alone authorizes, a digest of that token. */
    private static @Nullable String keyOf(@Nullable Caller caller, String path) {
        if (caller != null) {
            return caller.actor();
        }
        return path.startsWith(FEEDS) ? "feed:" + digest(path.substring(FEEDS.length())) : null;
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static ProblemException tooMany(String message) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too many requests", message,
                List.of(new Violation("request", "rate_limit", message)));
    }

    private static String describe(ReadFamily family) {
        return switch (family) {
            case READS -> "reads";
            case EXPORTS -> "exports and feed reads";
            case CHANGES -> "change-feed reads";
        };
    }

    private static String describe(Duration length) {
        return length.equals(ReadLimitSettings.HOUR) ? "an hour" : "a minute";
    }
}
