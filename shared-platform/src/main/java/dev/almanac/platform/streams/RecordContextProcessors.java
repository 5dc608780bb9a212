package dev.almanac.platform.streams;

import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import dev.almanac.platform.logging.LogContext;

/**
 * Kafka Streams has no listener container to intercept its records: a topology wraps each processor that reads a
 * source in the trace and correlation of the record it handles ({@link LogContext}), the processors it forwards to
 * included, as a listener container does ({@code KafkaLogContext}). No span per record: the record joins the trace of
 * the command that caused it (ADR 0089). Punctuations run outside any record and log without ids.
 */
public final class RecordContextProcessors {

    private RecordContextProcessors() {
    }

    public static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> inRecordContext(
            ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new InRecordContext<>(supplier.get());
            }

            @Override
            public @Nullable Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    private record InRecordContext<KIn, VIn, KOut, VOut>(Processor<KIn, VIn, KOut, VOut> processor)
            implements Processor<KIn, VIn, KOut, VOut> {

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            processor.init(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            try (LogContext.Scope ids = LogContext.of(record.headers())) {
                processor.process(record);
            }
        }

        @Override
        public void close() {
            processor.close();
        }
    }
}
