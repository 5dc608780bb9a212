package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.readmodel.DocumentStore.Replacement;
import dev.almanac.query.support.Mongo;

class DocumentStoreTest {

    private static final String COLLECTION = "notes";

    private MongoDatabase database;
    private DocumentStore<Note> store;

    /** A minimal read-model state: a text with a version. */
    record Note(String id, String text, long version) implements Versioned {
    }

    static final class NoteCodec implements DocumentCodec<Note> {

        @Override
        public String id(Note note) {
            return note.id();
        }

        @Override
        public Document encode(Note note) {
            return new Document("_id", note.id()).append("text", note.text()).append("version", note.version());
        }

        @Override
        public Note decode(Document document) {
            return new Note(document.getString("_id"), document.getString("text"), document.getLong("version"));
        }
    }

    @BeforeEach
    void emptyCollectionWithItsLockIndex() {
        database = InMemoryMongo.freshDatabase("document_store");
        new ReadModelIndexes(database, List.of(() -> List.of(COLLECTION))).ensureAll();
        store = new DocumentStore<>(database, COLLECTION, new NoteCodec(), Duration.ofSeconds(5));
    }

    @Test
    void insertsNewDocumentsAtARevisionAndUpdatesNameTheRevisionTheyRead() {
        Map<String, Stored<Note>> absent = store.load(List.of("a", "b"));
        assertThat(absent.values()).allMatch(stored -> !stored.exists());

        assertThat(store.write(List.of(new Replacement<>(absent.get("a"), new Note("a", "first", 0))))).isEmpty();
        Stored<Note> a = store.load(List.of("a")).get("a");
        assertThat(a.revision()).isPositive();
        assertThat(store.write(List.of(new Replacement<>(a, new Note("a", "second", 1))))).isEmpty();

        assertThat(Mongo.document(database, COLLECTION, "a")).containsEntry("text", "second")
                .containsEntry(Locks.FIELD, Locks.token("a", a.revision() + 1));
    }

    /** Tokens of kept answers must not match a document rebuilt after the collection was emptied. */
    @Test
    void aDocumentWrittenAgainAfterTheCollectionWasEmptiedComesBackUnderAnotherToken() {
        Set<String> tokens = new HashSet<>();
        for (int rebuild = 0; rebuild < 20; rebuild++) {
            Mono.from(database.getCollection(COLLECTION).deleteMany(new Document())).block(Duration.ofSeconds(5));
            store.write(List.of(new Replacement<>(Stored.absent("a"), new Note("a", "first", 0))));
            tokens.add(Mongo.document(database, COLLECTION, "a").getString(Locks.FIELD));
        }

        assertThat(tokens).hasSize(20);
    }

    @Test
    void anUpdateFromAStaleReadLosesAndNamesTheDocument() {
        store.write(List.of(new Replacement<>(Stored.absent("a"), new Note("a", "first", 0))));
        Stored<Note> stale = store.load(List.of("a")).get("a");
        store.write(List.of(new Replacement<>(stale, new Note("a", "written by someone else", 1))));

        Set<String> lost = store.write(List.of(new Replacement<>(stale, new Note("a", "mine", 1))));

        assertThat(lost).containsExactly("a");
        assertThat(Mongo.document(database, COLLECTION, "a")).containsEntry("text", "written by someone else");
    }

    @Test
    void anInsertOfADocumentSomeoneElseCreatedLosesWhileTheRestOfTheBulkLands() {
        store.write(List.of(new Replacement<>(Stored.absent("a"), new Note("a", "theirs", 0))));

        Set<String> lost = store.write(List.of(
                new Replacement<>(Stored.absent("a"), new Note("a", "mine", 0)),
                new Replacement<>(Stored.absent("b"), new Note("b", "mine", 0))));

        assertThat(lost).containsExactly("a");
        assertThat(Mongo.document(database, COLLECTION, "a")).containsEntry("text", "theirs");
        assertThat(Mongo.document(database, COLLECTION, "b")).containsEntry("text", "mine");
    }

    @Test
    void anUnchangedStateIsNotWritten() {
        store.write(List.of(new Replacement<>(Stored.absent("a"), new Note("a", "first", 0))));
        Stored<Note> a = store.load(List.of("a")).get("a");

        assertThat(store.write(List.of(new Replacement<>(a, a.state())))).isEmpty();

        assertThat(Mongo.document(database, COLLECTION, "a")).containsEntry(Locks.FIELD, Locks.token("a", a.revision()));
    }

    @Test
    void aChangeMakesTheStoredFieldsWhatTheNewStateSays() {
        Mono.from(database.getCollection(COLLECTION).insertOne(new Document("_id", "a").append("text", "first")
                .append("version", 0L).append("untouched", "kept").append(Locks.FIELD, "a#1"))).block(Duration.ofSeconds(5));
        Stored<Note> a = store.load(List.of("a")).get("a");

        store.write(List.of(new Replacement<>(a, new Note("a", "second", 1))));

        assertThat(Mongo.document(database, COLLECTION, "a")).containsEntry("text", "second").containsEntry("version", 1L)
                .doesNotContainKey("untouched");
    }
}
