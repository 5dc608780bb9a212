package dev.almanac.conflicts.intake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.state.Staging;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.DeadLetterRecords;

/**
 * What every processor of a task does alike around its own handling of a record: times it by topic, decodes it as
 * every consumer does, applies it to the staged stores all or nothing, sets aside a record that fails on its own
 * merits, forwards the conflict events it causes, and counts them. One per processor, with the processor's logger, so
 * that a dead letter's log line names the processor that gave up; it keeps the task's context from {@link #init} on.
 */
final class RecordHandling {

    private final EventCodec codec;
    private final ConflictMetrics metrics;
    private final Logger log;
    private @Nullable ProcessorContext<String, byte[]> context;

    RecordHandling(EventCodec codec, ConflictMetrics metrics, Logger log) {
        this.codec = codec;
        this.metrics = metrics;
        this.log = log;
    }

    /** Keeps the context of the processor's task, as {@link Processor#init} hands it over. */
    void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    ProcessorContext<String, byte[]> context() {
        return Objects.requireNonNull(context, "processor not initialised");
    }

    /** {@link #init}, for a processor on the partition's stores: returns their staged state. */
    PartitionState initPartition(ProcessorContext<String, byte[]> context) {
        init(context);
        return PartitionState.of(context, codec);
    }

    /** Where the record in hand was read. */
    RecordMetadata origin() {
        return context().recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a consumed record has no topic, partition and offset"));
    }

    /** Handles the record in hand, timed under the topic it was read from. */
    void timed(Consumer<RecordMetadata> handle) {
        RecordMetadata origin = origin();
        Timer.Sample sample = metrics.startHandling();
        try {
            handle.accept(origin);
        } finally {
            metrics.stopHandling(sample, origin.topic());
        }
    }

    /** The record decoded as a consumer would have received it, so that decoding is the platform's, unchanged. */
    ReceivedEvent decode(Record<String, byte[]> record, RecordMetadata origin) {
        return codec.fromRecord(DeadLetterRecords.consumed(record, origin.topic(), origin.partition(), origin.offset()));
    }

    /** {@link #applied(Record, RecordMetadata, Staging, Supplier, Consumer)}, with nothing to do before a record is set aside. */
    <T> Optional<T> applied(Record<String, byte[]> record, RecordMetadata origin, Staging writes, Supplier<T> apply) {
        return applied(record, origin, writes, apply, failure -> { });
    }

    /**
     * Applies the record in hand: its staged {@code writes} are kept when {@code apply} returns, and discarded when it
     * throws. A failure of Kafka or of a store is thrown again, so that Kafka Streams aborts the transaction and the record
     * is handled again once the cause is gone. Any other failure, an unreadable record or deterministic handling that fails
     * the same way on every retry, goes to {@code beforeSetAside} and the record is set aside at once.
     *
     * @return what {@code apply} returned, or empty when the record was set aside
     */
    <T> Optional<T> applied(Record<String, byte[]> record, RecordMetadata origin, Staging writes, Supplier<T> apply,
                            Consumer<RuntimeException> beforeSetAside) {
        try {
            return Optional.of(committed(writes, apply));
        } catch (KafkaException outage) {
            throw outage;
        } catch (RuntimeException failure) {
            beforeSetAside.accept(failure);
            setAside(record, origin, failure);
            return Optional.empty();
        }
    }

    /** What {@code apply} returned, its staged {@code writes} kept; when it fails they are discarded and the failure thrown. */
    static <T> T committed(Staging writes, Supplier<T> apply) {
        T result;
        try {
            result = apply.get();
            writes.commit();
        } catch (RuntimeException failure) {
            writes.discard();
            throw failure;
        }
        return result;
    }

    /** Sets {@code failed} aside on the dead-letter topic of the topic it was read from. */
    void setAside(Record<String, byte[]> failed, RecordMetadata origin, RuntimeException failure) {
        DeadLetters.setAside(context(), failed, origin, failure, log, metrics);
    }

    /**
     * Forwards the event of {@code change} to the conflicts topic with {@code envelope}; the timestamp is its cause's, so
     * that a replay produces identical records.
     */
    void forward(ConflictChange change, EventMetadata envelope, long timestamp) {
        ProducerRecord<String, byte[]> event = codec.toRecord(envelope, change.event());
        context().forward(new Record<>(event.key(), event.value(), timestamp, event.headers()), ConflictTopology.CONFLICTS_SINK);
    }

    /** Counts the conflict events published. */
    void published(List<ConflictChange> changes) {
        metrics.published(changes);
    }

    /** Counts a record applied, or found to be a duplicate or out of date. */
    void handled(RecordMetadata origin) {
        metrics.handled(origin.topic());
    }
}
