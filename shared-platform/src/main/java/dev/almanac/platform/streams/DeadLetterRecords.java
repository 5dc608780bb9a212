package dev.almanac.platform.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.platform.kafka.DeadLetterExceptions;
import dev.almanac.platform.kafka.DeadLetterLog;

/**
 * The records a stream processor takes in and sets aside, as the services' listeners see theirs. A dead letter carries
 * the headers spring-kafka's {@code DeadLetterPublishingRecoverer} writes, so that the dead-letter topics read the same
 * whichever consumer filled them and {@code dlt-replay} reads them alike: the original headers, then where the record
 * came from and why it failed, without a stack trace ({@link DeadLetterExceptions}). Like the recoverer's, a dead letter's timestamp is when it was set aside, and the
 * record's own is in {@code kafka_dlt-original-timestamp}.
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /** The record as a consumer would have received it from {@code topic}, so that the platform's codec decodes it unchanged. */
    public static ConsumerRecord<String, byte[]> consumed(Record<String, byte[]> record, String topic, int partition, long offset) {
        return new ConsumerRecord<>(topic, partition, offset, record.timestamp(), TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, record.key(), record.value(), record.headers(), Optional.empty());
    }

    /**
     * Sets {@code failed} aside: logs it as every consumer does ({@link DeadLetterLog}) and forwards its dead letter to
     * {@code sink}, the sink of the dead-letter topic of {@code topic}.
     */
    public static void setAside(ProcessorContext<String, byte[]> context, Record<String, byte[]> failed, String topic,
                                RecordMetadata origin, Throwable failure, Logger log, String sink) {
        DeadLetterLog.deadLettering(log, origin.topic(), origin.partition(), origin.offset(), failure);
        context.forward(deadLetter(context, failed, topic, origin, failure), sink);
    }

    /**
     * The dead letter of {@code failed}, which belongs to {@code topic} and was read at {@code origin}. It is timestamped
     * with the task's wall clock: dlt-replay lists it as the time the record was dead-lettered, and the topic's retention
     * counts from it, so a dead letter of an old record is kept as long as any other.
     */
    public static Record<String, byte[]> deadLetter(ProcessingContext context, Record<String, byte[]> failed, String topic,
                                                    RecordMetadata origin, Throwable failure) {
        Headers headers = new RecordHeaders(failed.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, text(topic));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(failed.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, text(context.applicationId()));
        DeadLetterExceptions.add(headers, failure);
        return new Record<>(failed.key(), failed.value(), context.currentSystemTimeMs(), headers);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
