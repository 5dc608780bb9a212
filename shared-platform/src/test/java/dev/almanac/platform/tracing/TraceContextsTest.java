package dev.almanac.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceContextsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void readsTheIdsAndSampledFlagOfAWellFormedTraceparent() {
        SpanContext sampled = TraceContexts.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        SpanContext notSampled = TraceContexts.parse(" 00-" + TRACE_ID + "-" + SPAN_ID + "-00 ");

        assertThat(sampled).isNotNull().satisfies(context -> {
            assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
            assertThat(context.isSampled()).isTrue();
            assertThat(context.isRemote()).isTrue();
        });
        assertThat(notSampled).isNotNull().extracting(SpanContext::isSampled).isEqualTo(false);
        assertThat(TraceContexts.traceIdOf("00-" + TRACE_ID + "-" + SPAN_ID + "-01")).isEqualTo(TRACE_ID);
        assertThat(TraceContexts.spanIdOf("00-" + TRACE_ID + "-" + SPAN_ID + "-01")).isEqualTo(SPAN_ID);
    }

    @Test
    void dropsWhatW3cTraceContextCallsInvalid() {
        assertThat(TraceContexts.validOrNull(null)).isNull();
        assertThat(TraceContexts.validOrNull("")).isNull();
        assertThat(TraceContexts.validOrNull("00-not-a-trace-01")).isNull();
        assertThat(TraceContexts.validOrNull("ff-" + TRACE_ID + "-" + SPAN_ID + "-01")).as("version ff").isNull();
        assertThat(TraceContexts.validOrNull("00-" + "0".repeat(32) + "-" + SPAN_ID + "-01")).as("all-zero trace id").isNull();
        assertThat(TraceContexts.validOrNull("00-" + TRACE_ID + "-" + "0".repeat(16) + "-01")).as("all-zero parent id").isNull();
        assertThat(TraceContexts.validOrNull("00-" + TRACE_ID.toUpperCase() + "-" + SPAN_ID + "-01")).as("upper case").isNull();
        assertThat(TraceContexts.validOrNull("00-" + TRACE_ID + "-" + SPAN_ID + "-01-extra")).isNull();
        assertThat(TraceContexts.validOrNull("00_" + TRACE_ID + "-" + SPAN_ID + "-01")).isNull();
        assertThat(TraceContexts.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-0g")).isNull();
    }

    @Test
    void joiningATraceMakesItCurrentUntilTheScopeCloses() {
        try (Scope joined = TraceContexts.join("00-" + TRACE_ID + "-" + SPAN_ID + "-01")) {
            assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        try (Scope nothing = TraceContexts.join("00-not-a-trace-01")) {
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
        }
    }
}
