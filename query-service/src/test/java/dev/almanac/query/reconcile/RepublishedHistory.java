package dev.almanac.query.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Flux;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.projection.ProjectedOffsets;
import dev.almanac.query.window.WindowRevisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A test's events as the relay publishes them, each with one envelope that a republish sends again unchanged, and the
 * read models they make, as a test compares them.
 */
final class RepublishedHistory {

    /** Offset bookkeeping, not read models: raised by every record, applied or not. */
    static final Set<String> BOOKKEEPING = Set.of("projected_offsets", "change_log_heads");

    private final EventPublisher publisher;
    private final MongoDatabase database;
    private final ProjectedOffsets offsets;
    private final List<Map.Entry<EventMetadata, AlmanacEvent>> events = new ArrayList<>();

    RepublishedHistory(EventPublisher publisher, MongoDatabase database) {
        this.publisher = publisher;
        this.database = database;
        this.offsets = new ProjectedOffsets(database, Duration.ofSeconds(10));
    }

    /** Publishes the event at {@code version} and remembers its envelope for a republish. */
    RepublishedHistory publish(AlmanacEvent event, long version, String eventId) {
        EventMetadata metadata = new EventMetadata(eventId, dev.almanac.events.catalog.EventCatalog.of(event).ceType(),
                "/almanac/command-service", dev.almanac.query.support.Received.TIME, event.subject(), version, "tester",
                "corr-" + eventId, null);
        events.add(Map.entry(metadata, event));
        awaitProjected(send(metadata, event));
        return this;
    }

    /** Sends the events of these subjects again, byte for byte as before, and waits until the projection read them. */
    void republish(Set<String> subjects) {
        for (Map.Entry<EventMetadata, AlmanacEvent> event : events) {
            if (subjects.contains(event.getKey().subject())) {
                awaitProjected(send(event.getKey(), event.getValue()));
            }
        }
    }

    private RecordMetadata send(EventMetadata metadata, AlmanacEvent event) {
        try {
            return ((SendResult<?, ?>) publisher.publish(metadata, event).get(10, TimeUnit.SECONDS)).getRecordMetadata();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    private void awaitProjected(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(offsets.through(List.of(partition)).block(Duration.ofSeconds(10)))
                .hasEntrySatisfying(partition, through -> assertThat(through).isGreaterThanOrEqualTo(sent.offset())));
    }

    /**
     * Every read-model document, by collection and in {@code _id} order, less the offset bookkeeping and {@code leftOut},
     * each document's compare-and-set {@code lock} (it counts writes) and the windows' logs of revisions (they list writes).
     */
    Map<String, List<Document>> readModels(Set<String> leftOut) {
        Map<String, List<Document>> documents = new TreeMap<>();
        List<String> collections = Flux.from(database.listCollectionNames()).collectList().block(Duration.ofSeconds(10));
        for (String collection : collections) {
            if (!BOOKKEEPING.contains(collection) && !leftOut.contains(collection)) {
                documents.put(collection, Flux.from(database.getCollection(collection).find().sort(Sorts.ascending("_id")))
                        .doOnNext(document -> {
                            document.remove("lock");
                            document.remove(WindowRevisions.CHANGES);
                        })
                        .collectList().block(Duration.ofSeconds(30)));
            }
        }
        return documents;
    }
}
