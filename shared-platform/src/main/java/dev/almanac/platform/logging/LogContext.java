package dev.almanac.platform.logging;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * The trace and correlation ids of the work a thread does, in the logging MDC, so that every line logged meanwhile
 * carries them: {@code traceId}, the W3C trace id of the request that caused the work (the names Micrometer Tracing
 * uses), and {@code correlationId}, which ties together everything one request caused. A scope puts them and, when
 * closed, puts back what the thread had before.
 */
public final class LogContext {

    public static final String TRACE_ID = "traceId";
    public static final String CORRELATION_ID = "correlationId";

    /** version-traceid-parentid-flags; an all-zero trace id is invalid (W3C Trace Context). */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

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
        String traceId = traceIdOf(traceparent);
        if (traceId == null && correlationId == null) {
            return NONE;
        }
        String previousTrace = MDC.get(TRACE_ID);
        String previousCorrelation = MDC.get(CORRELATION_ID);
        put(TRACE_ID, traceId);
        put(CORRELATION_ID, correlationId);
        return () -> {
            put(TRACE_ID, previousTrace);
            put(CORRELATION_ID, previousCorrelation);
        };
    }

    /** The ids a record's envelope carries ({@code traceparent}, {@code almanac_correlation_id}). */
    public static Scope of(Headers headers) {
        return of(text(headers, CloudEventHeaders.TRACEPARENT), text(headers, CloudEventHeaders.CORRELATION_ID));
    }

    /** The trace id of a W3C {@code traceparent}, or null when there is none or it is malformed. */
    static @Nullable String traceIdOf(@Nullable String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher parts = TRACEPARENT.matcher(traceparent.strip());
        return parts.matches() ? parts.group(1) : null;
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
