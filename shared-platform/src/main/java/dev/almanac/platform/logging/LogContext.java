package dev.almanac.platform.logging;

import java.nio.charset.StandardCharsets;

import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.tracing.TraceContexts;

/**
 * The trace and correlation ids of the work a thread does, in the logging MDC, so that every line logged meanwhile
 * carries them: {@code traceId} and {@code spanId}, the W3C trace context of the request or command that caused the
 * work (the names Micrometer Tracing uses), and {@code correlationId}, which ties together everything one request
 * caused. The trace is also joined as the thread's current one ({@link TraceContexts#join}), so a span started meanwhile
 * belongs to it. A scope puts them and, when closed, puts back what the thread had before.
 */
public final class LogContext {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String CORRELATION_ID = "correlationId";

    private LogContext() {
    }

    /** A scope that puts nothing back; closing it changes nothing. */
    public static final Scope NONE = () -> {
    };

    /** What a scope puts back when it closes. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The ids of a request or command: its {@code traceparent} (dropped when malformed) and its correlation id. */
    public static Scope of(@Nullable String traceparent, @Nullable String correlationId) {
        SpanContext trace = TraceContexts.parse(traceparent);
        if (trace == null && correlationId == null) {
            return NONE;
        }
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        String previousCorrelation = MDC.get(CORRELATION_ID);
        io.opentelemetry.context.Scope joined = trace == null ? io.opentelemetry.context.Scope.noop() : TraceContexts.join(trace);
        // Micrometer Tracing's MDC listener puts the same ids when its context is running; put here too, so that they are
        // there without it (a tool, a unit test, tracing turned off) and gone when the trace is not valid.
        put(TRACE_ID, trace == null ? null : trace.getTraceId());
        put(SPAN_ID, trace == null ? null : trace.getSpanId());
        put(CORRELATION_ID, correlationId);
        return () -> {
            joined.close();
            put(TRACE_ID, previousTrace);
            put(SPAN_ID, previousSpan);
            put(CORRELATION_ID, previousCorrelation);
        };
    }

    /** The ids a record's envelope carries ({@code traceparent}, {@code almanac_correlation_id}). */
    public static Scope of(Headers headers) {
        return of(text(headers, CloudEventHeaders.TRACEPARENT), text(headers, CloudEventHeaders.CORRELATION_ID));
    }

    /** The trace id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    static @Nullable String traceIdOf(@Nullable String traceparent) {
        return TraceContexts.traceIdOf(traceparent);
    }

    static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
