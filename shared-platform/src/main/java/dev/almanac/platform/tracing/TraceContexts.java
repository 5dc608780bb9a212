package dev.almanac.platform.tracing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * W3C {@code traceparent}s (version-traceid-parentid-flags) and the trace a thread works in. Micrometer Tracing on
 * OpenTelemetry keeps the current trace in OpenTelemetry's context; joining a {@code traceparent} makes its trace the
 * current one without a span of this process, so that a record's handling costs no span (ADR 0089) and yet logs with
 * its trace id (Micrometer Tracing's {@code traceId} and {@code spanId} MDC entries) and parents any span started
 * meanwhile.
 */
public final class TraceContexts {

    /** The HTTP and Kafka header, and the key of command metadata, that carries a W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** Version 00's fields; an all-zero trace or parent id is invalid, and so is version ff. */
    private static final Pattern FORMAT = Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})");

    private TraceContexts() {
    }

    /** The trace id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    public static @Nullable String traceIdOf(@Nullable String traceparent) {
        Matcher parts = matched(traceparent);
        return parts == null ? null : parts.group(1);
    }

    /** The parent (span) id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    public static @Nullable String spanIdOf(@Nullable String traceparent) {
        Matcher parts = matched(traceparent);
        return parts == null ? null : parts.group(2);
    }

    /** {@code traceparent} when it is well-formed, else null: a malformed one is dropped, as W3C Trace Context asks. */
    public static @Nullable String validOrNull(@Nullable String traceparent) {
        return matched(traceparent) == null ? null : traceparent.strip();
    }

    /** The {@code traceparent} naming a span as the parent of what it causes. */
    public static String traceparentOf(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The remote span context a W3C {@code traceparent} names, or null when there is none or it is malformed. */
    public static @Nullable SpanContext parse(@Nullable String traceparent) {
        Matcher parts = matched(traceparent);
        if (parts == null) {
            return null;
        }
        boolean sampled = (Integer.parseInt(parts.group(3), 16) & 1) == 1;
        return SpanContext.createFromRemoteParent(parts.group(1), parts.group(2),
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }

    /**
     * Makes the trace of {@code traceparent} the thread's current one until the scope closes, without starting a span;
     * a scope that changes nothing when it is absent or malformed.
     */
    public static Scope join(@Nullable String traceparent) {
        SpanContext remote = parse(traceparent);
        return remote == null ? Scope.noop() : join(remote);
    }

    /** Makes {@code remote}'s trace the thread's current one until the scope closes, without starting a span. */
    public static Scope join(SpanContext remote) {
        return Context.current().with(io.opentelemetry.api.trace.Span.wrap(remote)).makeCurrent();
    }

    /**
     * The trace context a request's work continues: its server span's, which Spring's HTTP observation started (as a
     * child of the request's {@code traceparent}, or of a new trace when none arrived); without tracing, the request's own
     * header when it is well-formed.
     */
    public static @Nullable String ofRequest(ServerWebExchange exchange) {
        Span server = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .filter(span -> !span.isNoop())
                .orElse(null);
        return server != null ? traceparentOf(server.context())
                : validOrNull(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
    }

    private static @Nullable Matcher matched(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher parts = FORMAT.matcher(traceparent.strip());
        return parts.matches() ? parts : null;
    }
}
