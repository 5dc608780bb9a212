package dev.almanac.dispatch.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.platform.kafka.DeadLetterLog;

/**
 * A record set aside with the headers spring-kafka's {@code DeadLetterPublishingRecoverer} writes, as every other
 * consumer's dead letters carry them, so that {@code dlt-replay} reads them alike: the original headers, where the
 * record came from and why it failed. A dead letter is timestamped when it was set aside.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The sink that writes the dead letters of {@code topic}. */
    public static String sink(String topic) {
        return "dead-letters-" + topic;
    }

    /** The record as the platform's codec reads it, from the topic it was read from. */
    public static ConsumerRecord<String, byte[]> consumed(Record<String, byte[]> record, String topic, int partition, long offset) {
        return new ConsumerRecord<>(topic, partition, offset, record.timestamp(), TimestampType.CREATE_TIME, -1, -1, record.key(),
                record.value(), record.headers(), Optional.empty());
    }

    /**
     * Sets {@code failed} aside on the dead-letter topic of {@code topic}, the public topic it belongs to, naming where it
     * was read ({@code origin}).
     */
    public static void setAside(ProcessorContext<String, byte[]> context, String topic, Record<String, byte[]> failed, RecordMetadata origin,
                                Throwable failure, Logger log) {
        DeadLetterLog.deadLettering(log, origin.topic(), origin.partition(), origin.offset(), failure);
        Headers headers = new RecordHeaders(failed.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, text(topic));
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
        context.forward(new Record<>(failed.key(), failed.value(), context.currentSystemTimeMs(), headers), sink(topic));
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
