package dev.almanac.conflicts.intake;

import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import dev.almanac.events.Topics;

/**
 * conflict-detector's dead-letter writer, which is package-private, for dlt-replay's tests: the
 * record its processors forward to {@code <topic>.DLT}, as that topic's sink sends it.
 */
public final class DetectorDeadLetters {

    /** conflict-detector's Kafka Streams application id, which its dead letters name as their consumer group. */
    public static final String APPLICATION_ID = "conflict-detector";

    private DetectorDeadLetters() {
    }

    /** {@code failed} set aside on {@code failure} by a task whose wall clock reads {@code deadLettered}. */
    public static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> failed, Instant deadLettered,
                                                            Throwable failure) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, byte[]> task = new MockProcessorContext<>(config);
        task.setRecordMetadata(failed.topic(), failed.partition(), failed.offset());
        task.setCurrentSystemTimeMs(deadLettered.toEpochMilli());
        Record<String, byte[]> letter = DeadLetters.of(task, new Record<>(failed.key(), failed.value(), failed.timestamp(),
                failed.headers()), task.recordMetadata().orElseThrow(), failure);
        // The dead-letter sinks name no partitioner: the producer's own picks the partition from the key.
        return new ProducerRecord<>(Topics.deadLetter(failed.topic()), null, letter.timestamp(), letter.key(), letter.value(),
                letter.headers());
    }
}
