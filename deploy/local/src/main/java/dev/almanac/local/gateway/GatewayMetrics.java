package dev.almanac.local.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What the gateway measures, served at {@link #PATH} in Prometheus' text format as the services
 * serve theirs: {@code http.server.requests} by method, route ({@code uri}: the HTTPRoute match's
 * path, as a service tags its handler's pattern), backend, status, outcome and {@code error}, in the services'
 * buckets (1 ms to 10 s), and the JVM's memory, threads and CPU. Every series carries
 * {@code service="gateway"}. A request no route serves has {@code uri} and {@code backend} {@link #NONE}; one that
 * could not even be decoded has {@code method} {@link #NONE} too. {@code error} tells the gateway's own answers for a
 * backend that failed ({@link BackendFailure}) from the backend's answers passed on ({@link #NONE}): both may be a 503.
 */
final class GatewayMetrics {

    static final String PATH = "/actuator/prometheus";
    /** The {@code uri} and {@code backend} of a request no route serves, and the {@code method} of one not decoded. */
    static final String NONE = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Configured once: a request only names its tags. */
    private final Meter.MeterProvider<Timer> requests = Timer.builder("http.server.requests")
            .description("Requests the gateway answered, from their arrival until the answer was sent, by the route that matched")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .withRegistry(registry);

    GatewayMetrics() {
        registry.config().commonTags("service", "gateway");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void requestServed(String method, String route, String backend, int status, long startedNanos) {
        requestServed(method, route, backend, status, null, startedNanos);
    }

    /** @param failure why the gateway answered for the backend, or null if the answer is the backend's (or no route's) */
    void requestServed(String method, String route, String backend, int status, @Nullable BackendFailure failure,
                       long startedNanos) {
        requests.withTags("method", method, "uri", route, "backend", backend, "status", Integer.toString(status),
                        "outcome", Outcome.forStatus(status).name(), "error", failure == null ? NONE : failure.tag())
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A request the HTTP server could not decode and answered itself. Its method is left out: for a garbled or
     * too long request line the decoder reports a placeholder ({@code GET /bad-request}), not what the client sent.
     */
    void requestUndecodable(int status, long startedNanos) {
        requestServed(NONE, NONE, NONE, status, startedNanos);
    }

    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }

    /** Why the gateway answered a routed request itself, as the {@code error} tag names it. */
    enum BackendFailure {
        /** 503: the connection was refused; nothing reached the backend. */
        UNREACHABLE,
        /** 503: the backend closed the connection before it answered. */
        CLOSED,
        /** 504: no answer within the route's timeout. */
        TIMEOUT;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
