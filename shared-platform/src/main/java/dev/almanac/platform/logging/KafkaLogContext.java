package dev.almanac.platform.logging;

import java.util.Objects;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * Puts the ids of the record a listener handles into the MDC ({@link LogContext}) until the container is done with
 * it, its error handling included. A batch carries them when every record in it came from one request, as a batch
 * at a quiet moment usually does; a batch of several requests carries none, since no one pair is its own.
 */
public final class KafkaLogContext implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private final ThreadLocal<LogContext.@Nullable Scope> current = new ThreadLocal<>();

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        enter(LogContext.of(record.headers()));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        leave();
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        String traceparent = null;
        String correlationId = null;
        boolean first = true;
        for (ConsumerRecord<Object, Object> record : records) {
            String recordTrace = LogContext.text(record.headers(), CloudEventHeaders.TRACEPARENT);
            String recordCorrelation = LogContext.text(record.headers(), CloudEventHeaders.CORRELATION_ID);
            if (first) {
                traceparent = recordTrace;
                correlationId = recordCorrelation;
                first = false;
            } else if (!Objects.equals(traceparent, recordTrace) || !Objects.equals(correlationId, recordCorrelation)) {
                enter(LogContext.NONE);
                return records;
            }
        }
        enter(LogContext.of(traceparent, correlationId));
        return records;
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        leave();
    }

    private void enter(LogContext.Scope scope) {
        leave();
        current.set(scope);
    }

    private void leave() {
        LogContext.Scope scope = current.get();
        if (scope != null) {
            current.remove();
            scope.close();
        }
    }
}
