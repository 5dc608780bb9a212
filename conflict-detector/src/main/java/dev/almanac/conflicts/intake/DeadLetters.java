package dev.almanac.conflicts.intake;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.platform.kafka.DeadLetterLog;
import dev.almanac.platform.streams.DeadLetterRecords;

/**
 * A record set aside on the dead-letter topic of the topic it was read from, as every stream processor of the platform
 * writes dead letters ({@link DeadLetterRecords}), and counted.
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

    /** The dead letter of {@code failed}, read at {@code origin} from the topic it belongs to. */
    static Record<String, byte[]> of(ProcessorContext<?, ?> context, Record<String, byte[]> failed, RecordMetadata origin,
                                     Throwable failure) {
        return DeadLetterRecords.deadLetter(context, failed, origin.topic(), origin, failure);
    }
}
