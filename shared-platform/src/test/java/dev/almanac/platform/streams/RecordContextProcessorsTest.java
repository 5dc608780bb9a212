package dev.almanac.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.trace.Span;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.logging.LogContext;

class RecordContextProcessorsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    private final Map<String, String> seen = new HashMap<>();
    private final StoreBuilder<?> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("probe"), null, null);
    private final ProcessorSupplier<String, String, Void, Void> supplier = new ProcessorSupplier<>() {
        @Override
        public Processor<String, String, Void, Void> get() {
            return record -> {
                seen.putAll(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
                seen.put("currentTraceId", Span.current().getSpanContext().getTraceId());
            };
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store);
        }
    };

    @AfterEach
    void clearTheMdc() {
        MDC.clear();
    }

    @Test
    void aProcessorHandlesEachRecordInItsTraceAndCorrelationAndNothingAfterwards() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TRACEPARENT, ("00-" + TRACE_ID + "-" + PARENT_ID + "-01").getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.CORRELATION_ID, "request-42".getBytes(StandardCharsets.UTF_8));

        RecordContextProcessors.inRecordContext(supplier).get().process(new Record<>("key", "value", 0L, headers));

        assertThat(seen).containsEntry(LogContext.TRACE_ID, TRACE_ID).containsEntry(LogContext.SPAN_ID, PARENT_ID)
                .containsEntry(LogContext.CORRELATION_ID, "request-42").containsEntry("currentTraceId", TRACE_ID);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void theWrappedSupplierConnectsTheSameStores() {
        assertThat(RecordContextProcessors.inRecordContext(supplier).stores()).containsExactly(store);
    }
}
