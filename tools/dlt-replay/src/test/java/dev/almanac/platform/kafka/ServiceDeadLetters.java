package dev.almanac.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaOperations;

/** The services' own recoverer, which is package-private, for dlt-replay's tests: dead letters exactly as a listener's. */
public final class ServiceDeadLetters {

    private ServiceDeadLetters() {
    }

    public static void deadLetter(KafkaOperations<String, byte[]> template, ConsumerRecord<String, byte[]> record, Exception failure) {
        new DeadLetterRecoverer(template, null).accept(record, null, failure);
    }
}
