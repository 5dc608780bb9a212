package dev.almanac.commands.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.almanac.commands.command.CommandMetadata;
import dev.almanac.platform.logging.LogContext;
import dev.almanac.platform.tracing.TraceContexts;

class CommandTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REQUEST_SPAN = "00f067aa0ba902b7";

    private final List<ReadableSpan> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }).build();
    private final CommandTracing tracing = new CommandTracing(
            new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {
            }));

    @AfterEach
    void clearTheMdc() {
        MDC.clear();
        provider.close();
    }

    @Test
    void aCommandIsASpanOfItsRequestsTraceAndItsEventsAndLogLinesCarryThatSpan() throws Exception {
        Handled handled = handled(GenericCommandMessage.asCommandMessage("reschedule").andMetaData(Map.of(
                CommandMetadata.TRACEPARENT, "00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01", CommandMetadata.CORRELATION_ID, "request-42")));

        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("command java.lang.String");
            assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanContext().getSpanId()).as("the request's span is its parent").isEqualTo(REQUEST_SPAN);
        });
        String commandSpan = ended.get(0).getSpanContext().getSpanId();
        assertThat(handled.traceparent()).as("what the command's events carry").isEqualTo("00-" + TRACE_ID + "-" + commandSpan + "-01");
        assertThat(handled.mdc()).containsEntry(LogContext.TRACE_ID, TRACE_ID).containsEntry(LogContext.SPAN_ID, commandSpan)
                .containsEntry(LogContext.CORRELATION_ID, "request-42");
        assertThat(MDC.getCopyOfContextMap()).as("the MDC after the unit of work").isNullOrEmpty();
    }

    @Test
    void aCommandWithoutATraceStartsOneAndIsCorrelatedByItsOwnIdAsItsEventsAre() throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("reschedule");

        Handled handled = handled(command);

        String traceId = TraceContexts.traceIdOf(handled.traceparent());
        assertThat(traceId).as("a valid trace of its own").isNotNull().isNotEqualTo(TRACE_ID);
        assertThat(ended).singleElement().satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
        assertThat(handled.mdc()).containsEntry(LogContext.TRACE_ID, traceId).containsEntry(LogContext.CORRELATION_ID, command.getIdentifier());
    }

    @Test
    void aMalformedTraceparentIsDroppedForANewTrace() throws Exception {
        Handled handled = handled(GenericCommandMessage.asCommandMessage("reschedule")
                .andMetaData(Map.of(CommandMetadata.TRACEPARENT, "00-not-a-trace-01")));

        assertThat(TraceContexts.traceIdOf(handled.traceparent())).isNotNull();
        assertThat(ended).singleElement().satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
    }

    private Handled handled(CommandMessage<?> command) throws Exception {
        Map<String, String> during = new HashMap<>();
        DefaultUnitOfWork<CommandMessage<?>> unit = DefaultUnitOfWork.startAndGet(command);
        String[] traceparent = new String[1];
        unit.executeWithResult(() -> tracing.handle(unit, () -> {
            during.putAll(MDC.getCopyOfContextMap());
            traceparent[0] = (String) unit.getMessage().getMetaData().get(CommandMetadata.TRACEPARENT);
            return null;
        }));
        return new Handled(during, traceparent[0]);
    }

    private record Handled(Map<String, String> mdc, String traceparent) {
    }
}
