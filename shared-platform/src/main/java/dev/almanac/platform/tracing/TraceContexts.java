package dev.almanac.platform.tracing;

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

    /** version-traceid-parentid-flags: 2, 32, 16 and 2 lower-case hex digits. */
    private static final int LENGTH = 55;
    private static final int TRACE_ID_START = 3;
    private static final int SPAN_ID_START = 36;
    private static final int FLAGS_START = 53;

    private TraceContexts() {
    }

    /** The trace id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    public static @Nullable String traceIdOf(@Nullable String traceparent) {
        String valid = validOrNull(traceparent);
        return valid == null ? null : valid.substring(TRACE_ID_START, SPAN_ID_START - 1);
    }

    /** The parent (span) id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    public static @Nullable String spanIdOf(@Nullable String traceparent) {
        String valid = validOrNull(traceparent);
        return valid == null ? null : valid.substring(SPAN_ID_START, FLAGS_START - 1);
    }

    /** {@code traceparent} when it is well-formed, else null: a malformed one is dropped, as W3C Trace Context asks. */
    public static @Nullable String validOrNull(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String stripped = traceparent.strip();
        return isValid(stripped) ? stripped : null;
    }

    /** The {@code traceparent} naming a span as the parent of what it causes. */
    public static String traceparentOf(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId() + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The remote span context a W3C {@code traceparent} names, or null when there is none or it is malformed. */
    public static @Nullable SpanContext parse(@Nullable String traceparent) {
        String valid = validOrNull(traceparent);
        if (valid == null) {
            return null;
        }
        boolean sampled = (Character.digit(valid.charAt(FLAGS_START + 1), 16) & 1) == 1;
        return SpanContext.createFromRemoteParent(valid.substring(TRACE_ID_START, SPAN_ID_START - 1),
                valid.substring(SPAN_ID_START, FLAGS_START - 1), sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                TraceState.getDefault());
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

    /** Checked by position rather than by a regular expression: every record a consumer handles passes here. */
    private static boolean isValid(String traceparent) {
        if (traceparent.length() != LENGTH || traceparent.startsWith("ff")
                || traceparent.charAt(TRACE_ID_START - 1) != '-' || traceparent.charAt(SPAN_ID_START - 1) != '-'
                || traceparent.charAt(FLAGS_START - 1) != '-') {
            return false;
        }
        return hex(traceparent, 0, TRACE_ID_START - 1) && nonZeroHex(traceparent, TRACE_ID_START, SPAN_ID_START - 1)
                && nonZeroHex(traceparent, SPAN_ID_START, FLAGS_START - 1) && hex(traceparent, FLAGS_START, LENGTH);
    }

    private static boolean nonZeroHex(String text, int from, int to) {
        boolean nonZero = false;
        for (int index = from; index < to; index++) {
            nonZero |= text.charAt(index) != '0';
        }
        return nonZero && hex(text, from, to);
    }

    private static boolean hex(String text, int from, int to) {
        for (int index = from; index < to; index++) {
            char c = text.charAt(index);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
