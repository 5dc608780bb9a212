package dev.almanac.conflicts.intake;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.platform.kafka.DeadLetterLog;

/**
 * A record set aside, with the headers spring-kafka's {@code DeadLetterPublishingRecoverer}
 * writes, so that the dead-letter topics read the same whichever consumer filled them: the
 * original headers, then where the record came from and why it failed. Like the recoverer's, a
 * dead letter's timestamp is when it was set aside, and the record's own is in
 * {@code kafka_dlt-original-timestamp}.
 */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Sets {@code failed} aside on its topic's dead-letter topic: logged, forwarded to the topic's dead-letter
     * sink, and counted, so that the SREs' dead-letter alert sees every record any processor gives up on.
     */
    static void setAside(ProcessorContext<String, byte[]> context, Record<String, byte[]> failed, RecordMetadata origin,
                         Throwable failure, Logger log, ConflictMetrics metrics) {
        DeadLetterLog.deadLettering(log, origin.topic(), origin.partition(), origin.offset(), failure);
        context.forward(of(context, failed, origin, failure), ConflictTopology.deadLetterSink(origin.topic()));
        metrics.deadLettered(origin.topic());
    }

    /**
     * Timestamped with the task's wall clock: dlt-replay lists it as the time the record was dead-lettered, and the
     * topic's retention counts from it, so a dead letter of an old record is kept as long as any other.
     */
    static Record<String, byte[]> of(ProcessorContext<?, ?> context, Record<String, byte[]> failed, RecordMetadata origin,
                                     Throwable failure) {
        Headers headers = new RecordHeaders(failed.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, text(origin.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(failed.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, text(context.applicationId()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, text(failure.getClass().getName()));
        if (failure.getCause() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, text(failure.getCause().getClass().getName()));
        }
        if (failure.getMessage() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, text(failure.getMessage()));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, text(stackTrace(failure)));
        return new Record<>(failed.key(), failed.value(), context.currentSystemTimeMs(), headers);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
