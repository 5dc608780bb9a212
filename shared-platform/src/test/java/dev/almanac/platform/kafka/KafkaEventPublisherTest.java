package dev.almanac.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.json.AlmanacJson;

/** Publishing many events at once: each record as the codec makes it, in order, acknowledged only when all of them are. */
class KafkaEventPublisherTest {

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), codec);

    private final List<Outgoing> events = List.of(
            outgoing(EventSamples.occurrenceMaterialized()), outgoing(EventSamples.itemScheduled()), outgoing(EventSamples.occurrenceMaterialized()));

    @Test
    void theFutureCompletesOnceEveryRecordIsAcknowledged() {
        CompletableFuture<?> acknowledged = publisher.publishAll(events);

        assertThat(producer.history()).hasSize(3);
        for (int i = 0; i < events.size(); i++) {
            ProducerRecord<String, byte[]> expected = codec.toRecord(events.get(i).metadata(), events.get(i).event());
            ProducerRecord<String, byte[]> sent = producer.history().get(i);
            assertThat(sent.topic()).isEqualTo(expected.topic());
            assertThat(sent.key()).isEqualTo(expected.key());
            assertThat(sent.value()).isEqualTo(expected.value());
            assertThat(sent.headers().toArray()).isEqualTo(expected.headers().toArray());
        }
        producer.completeNext();
        producer.completeNext();
        assertThat(acknowledged).isNotDone();
        producer.completeNext();
        assertThat(acknowledged).isCompleted();
    }

    @Test
    void oneFailureFailsTheWhole() {
        CompletableFuture<?> acknowledged = publisher.publishAll(events);

        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large"));

        assertThat(acknowledged).isCompletedExceptionally();
        producer.completeNext();
        assertThat(acknowledged).isCompletedExceptionally();
    }

    @Test
    void aMissedRunGoesToBothTopicsAndIsAcknowledgedOnlyWhenBothAre() {
        AlmanacEvent missed = EventSamples.occurrenceMissed();
        CompletableFuture<?> alone = publisher.publish(EventCodecTest.metadataFor(missed), missed);
        CompletableFuture<?> inAll = publisher.publishAll(List.of(outgoing(EventSamples.itemScheduled()), outgoing(missed)));

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(Topics.OCCURRENCES, Topics.MISSED_RUNS,
                Topics.SCHEDULE, Topics.OCCURRENCES, Topics.MISSED_RUNS);
        producer.completeNext();
        assertThat(alone).isNotDone();
        producer.completeNext();
        assertThat(alone).isCompleted();
        producer.completeNext();
        producer.completeNext();
        assertThat(inAll).isNotDone();
        producer.completeNext();
        assertThat(inAll).isCompleted();
    }

    @Test
    void nothingToPublishIsDoneAtOnce() {
        assertThat(publisher.publishAll(List.of())).isCompleted();
        assertThat(producer.history()).isEmpty();
    }

    private static Outgoing outgoing(AlmanacEvent event) {
        return new Outgoing(EventCodecTest.metadataFor(event), event);
    }

    private record Outgoing(EventMetadata metadata, AlmanacEvent event) implements OutgoingEvent {
    }
}
