package dev.almanac.query.projection;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Consumes every topic that feeds a read model, in the {@code query-service} group. The listener
 * thread waits for each write, so the container commits a record's offset only after its write;
 * after a crash the record is delivered again and the version guard makes that a no-op.
 * Undecodable records raise {@code PoisonMessageException} and go to {@code <topic>.DLT} through
 * the platform's error handler; a write timeout is a {@code TimeoutException}, which that handler
 * treats as an outage and retries with backoff.
 */
@Component
class ProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final EventCodec codec;
    private final Projections projections;
    private final Duration writeTimeout;

    ProjectionListener(EventCodec codec, Projections projections,
                       @Value("${almanac.query.projection-write-timeout:10s}") Duration writeTimeout) {
        this.codec = codec;
        this.projections = projections;
        this.writeTimeout = writeTimeout;
    }

    @KafkaListener(topics = "#{T(dev.almanac.query.projection.Projections).topics()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received = codec.fromRecord(record);
        ProjectionOutcome outcome = projections.apply(received).timeout(writeTimeout).block();
        log.debug("{} {} v{} from {}-{}@{}: {}", received.metadata().type(), received.metadata().subject(),
                received.version(), record.topic(), record.partition(), record.offset(), outcome);
    }
}
