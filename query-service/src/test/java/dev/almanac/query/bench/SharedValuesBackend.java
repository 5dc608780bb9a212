package dev.almanac.query.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

import dev.almanac.embedded.LeanMemoryBackend;

/**
 * The local stack's in-memory MongoDB backend ({@link LeanMemoryBackend}), storing each distinct
 * field name and string once. The server decodes every document it is sent into objects
 * of its own: the same field names ("calendar_id", "s", "v"), calendar ids, time zones and entry
 * ids arrive again with every write, and each entry is kept three times (its document, its
 * calendar day's copy and its starting hour's copy). Held as they arrive, a year of entries took
 * about 6 KB of heap an entry, 22 GB at 3.65 million: more than the benchmark machine has. Here
 * each stored document's names and values are replaced by the first equal one seen, once, as the
 * document is stored. Reads are served from the same {@link Document}s as before, and are not
 * changed; the store spends more CPU on each write. Used by {@link BenchmarkStore} when
 * {@code almanac.bench.mongo.shared-values} is true.
 */
final class SharedValuesBackend extends LeanMemoryBackend {

    /**
     * Every distinct string stored; nothing is removed, as a benchmark's store only grows. One for
     * the JVM, which serves one store ({@link BenchmarkStore#main}): the server's database opens
     * collections from its constructor, before a field of its own could be set.
     */
    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new SharedValuesDatabase(databaseName, getCursorRegistry());
    }

    /** The equal string stored first; subdocuments and lists rebuilt of such; anything else as it is. */
    private static Object shared(Object value) {
        if (value instanceof String string) {
            String first = SHARED.putIfAbsent(string, string);
            return first == null ? string : first;
        }
        if (value instanceof Document document) {
            Document copy = new Document();
            document.forEach((name, field) -> copy.put((String) shared(name), shared(field)));
            return copy;
        }
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> elements = (List<Object>) list;
            elements.replaceAll(SharedValuesBackend::shared);
        }
        return value;
    }

    /** Replaces the stored document's values in place; its own field names are replaced when it is first stored. */
    private static void shareValues(Document stored) {
        stored.entrySet().forEach(field -> field.setValue(shared(field.getValue())));
    }

    private static final class SharedValuesDatabase extends LeanDatabase {

        SharedValuesDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new SharedValuesCollection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class SharedValuesCollection extends LeanCollection {

        SharedValuesCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            // The server indexes the document it was sent, and keeps what this returns a position for: equal fields, shared.
            return super.addDocumentInternal((Document) shared(document));
        }

        /**
         * The server has put the new version's fields into the stored document, which it passes
         * as {@code newDocument} ({@code oldDocument} is its copy from before the update); the
         * fields it put are new objects.
         */
        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            shareValues(newDocument);
        }
    }
}
