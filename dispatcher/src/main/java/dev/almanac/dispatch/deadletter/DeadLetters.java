package dev.almanac.dispatch.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;

import dev.almanac.platform.streams.DeadLetterRecords;

/**
 * The dispatcher's dead letters, written as every stream processor of the platform writes them
 * ({@link DeadLetterRecords}), each on the dead-letter topic of the public topic its record belongs to.
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
        return DeadLetterRecords.consumed(record, topic, partition, offset);
    }

    /**
     * Sets {@code failed} aside on the dead-letter topic of {@code topic}, the public topic it belongs to, naming where it
     * was read ({@code origin}).
     */
    public static void setAside(ProcessorContext<String, byte[]> context, String topic, Record<String, byte[]> failed, RecordMetadata origin,
                                Throwable failure, Logger log) {
        DeadLetterRecords.setAside(context, failed, topic, origin, failure, log, sink(topic));
    }
}
