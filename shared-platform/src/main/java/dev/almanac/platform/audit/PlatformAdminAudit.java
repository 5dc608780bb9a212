package dev.almanac.platform.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.tracing.TraceContexts;

/**
 * Records each request of a platform admin ({@link Caller#platformAdmin()}) as {@link PlatformAdminActed}, read or command,
 * whatever answers it: a handler, a problem, a refusal of the security chain once the caller is known.
 *
 * <p>The record is written as the response commits ({@code beforeCommit}): the status is then final, and nothing of the
 * answer, not even its status line, has left the service. Only once the broker has acknowledged the record does the
 * answer go out. If it cannot be recorded in time the commit fails, and the answer becomes a 503 problem in place of the
 * one withheld (the response's commit actions run once, so the 503 itself is not recorded again): every answer a platform
 * admin gets, but that 503, is recorded. A command has then been handled and its answer lost, as with any 503, and the
 * detail says to read before retrying.
 */
public final class PlatformAdminAudit implements WebFilter, Ordered {

    /** Before the security chain (-100), so that every commit after the caller is known is seen. */
    public static final int ORDER = -200;

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminAudit.class);
    private static final String TYPE = EventCatalog.of(PlatformAdminActed.class).ceType();

    private final EventPublisher publisher;
    private final String source;
    private final Duration timeout;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param service the service's name, the records' source {@code /almanac/<service>}
     * @param timeout how long an answer waits for the broker's acknowledgement of its record before it becomes a 503
     */
    public PlatformAdminAudit(EventPublisher publisher, String service, Duration timeout, Clock clock) {
        this(publisher, service, timeout, clock, () -> UUID.randomUUID().toString());
    }

    /** @param ids each record's id, which is also its correlation id: one request, one record */
    PlatformAdminAudit(EventPublisher publisher, String service, Duration timeout, Clock clock, Supplier<String> ids) {
        this.publisher = publisher;
        this.source = "/almanac/" + service;
        this.timeout = timeout;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> record(exchange));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private Mono<Void> record(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || !caller.platformAdmin() || caller.tenant() == null) {
            return Mono.empty();
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        PlatformAdminActed acted = new PlatformAdminActed(caller.tenant(), caller.id(), exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(), status == null ? 200 : status.value());
        String id = ids.get();
        // The header names the tenant acted in, as every fact of a multi-tenant deployment does (ADR 0102).
        EventMetadata metadata = new EventMetadata(id, TYPE, source, clock.instant(), acted.subject(), 0, caller.actor(), id,
                TraceContexts.ofRequest(exchange), null, caller.tenant());
        return Mono.fromFuture(() -> publisher.publish(metadata, acted))
                .timeout(timeout)
                .then()
                .onErrorMap(failure -> {
                    log.error("A platform admin's request could not be recorded on the audit topic; its answer ({}) is withheld and 503 "
                            + "sent instead: {} {} {} in tenant {}", acted.status(), acted.platformAdmin(), acted.method(), acted.path(),
                            acted.tenant(), failure);
                    return ProblemException.unavailable("a platform admin's request is answered only once it is recorded on the audit "
                            + "topic, and it could not be recorded now; if it was a command it may have been applied: read before retrying");
                });
    }
}
