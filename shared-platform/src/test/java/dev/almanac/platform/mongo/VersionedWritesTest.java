package dev.almanac.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;

/** Runs against mongo-java-server, the same wire-protocol server the local stack uses. */
class VersionedWritesTest {

    private MongoCollection<Document> collection;

    @BeforeEach
    void freshCollection() {
        collection = InMemoryMongo.freshDatabase().getCollection("docs");
    }

    @Test
    void createsTheDocumentOnItsFirstEvent() {
        assertThat(apply("a", 0, "title", "first")).isTrue();

        assertThat(stored("a")).containsEntry("title", "first").containsEntry("version", 0L);
    }

    @Test
    void appliesANewerVersion() {
        apply("a", 0, "title", "first");

        assertThat(apply("a", 1, "title", "second")).isTrue();
        assertThat(stored("a")).containsEntry("title", "second").containsEntry("version", 1L);
    }

    @Test
    void ignoresARedeliveryOfTheSameVersion() {
        apply("a", 3, "title", "first");

        assertThat(apply("a", 3, "title", "replayed")).isFalse();
        assertThat(stored("a")).containsEntry("title", "first").containsEntry("version", 3L);
    }

    @Test
    void ignoresAnOlderVersionArrivingLate() {
        apply("a", 5, "title", "newest");

        assertThat(apply("a", 4, "title", "stale")).isFalse();
        assertThat(stored("a")).containsEntry("title", "newest");
        assertThat(Mono.from(collection.countDocuments()).block()).isEqualTo(1);
    }

    private boolean apply(String id, long version, String field, String value) {
        return VersionedWrites.applyIfNewer(collection, id, version, Updates.set(field, value)).block(Duration.ofSeconds(5));
    }

    private Document stored(String id) {
        return Mono.from(collection.find(new Document("_id", id)).first()).block(Duration.ofSeconds(5));
    }
}
