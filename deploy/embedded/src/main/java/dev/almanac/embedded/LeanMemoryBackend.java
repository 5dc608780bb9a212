package dev.almanac.embedded;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's in-memory backend without two costs nothing in Almanac asks for (ADR 0031):
 * <ul>
 *   <li>the running data size: keeping it encodes every written document to BSON once more, to
 *   feed collection statistics that nothing reads, about a tenth of the server's work under the
 *   load benchmark;</li>
 *   <li>the index keys of both versions of every updated document, worked out through paths,
 *   streams and maps for each unique index, only to learn that the update left them as they were
 *   ({@link LeanUniqueIndex}).</li>
 * </ul>
 */
public class LeanMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new LeanDatabase(databaseName, getCursorRegistry());
    }

    /** A database whose collections keep no data size; subclasses may make other collections. */
    protected static class LeanDatabase extends MemoryDatabase {

        protected LeanDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new LeanCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new LeanUniqueIndex(indexName, keys, sparse);
        }
    }

    /**
     * A unique index that sees cheaply when an update leaves its keys alone, as almost every update
     * does (the projections update documents found by {@code _id}, and their unique keys never
     * change). The server asks that of every unique index for every updated document, before it
     * checks or moves anything; it answers by deriving both versions' key values, about a fifth of
     * its work on query-service's writes under the load benchmark. Here, when every key is a
     * top-level field holding a plain value (no subdocument, list or array), present in both versions
     * or in neither, and equal, the keys are equal; whatever is left, dotted paths, compound values or
     * a changed value, goes to the server's own comparison. Equal raw values give equal key values,
     * since the server derives them from those values alone.
     */
    protected static class LeanUniqueIndex extends MemoryUniqueIndex {

        /** The keys when all are top-level fields, else null. */
        private final String[] topLevelKeys;

        protected LeanUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.topLevelKeys = keys.stream().map(IndexKey::getKey).anyMatch(key -> key.indexOf('.') >= 0) ? null
                    : keys.stream().map(IndexKey::getKey).toArray(String[]::new);
        }

        @Override
        protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
            return sameTopLevelValues(oldDocument, newDocument) || super.nullAwareEqualsKeys(oldDocument, newDocument);
        }

        private boolean sameTopLevelValues(Document oldDocument, Document newDocument) {
            if (topLevelKeys == null) {
                return false;
            }
            for (String key : topLevelKeys) {
                Object oldValue = oldDocument.get(key);
                if (oldValue instanceof Map || oldValue instanceof Collection || oldValue != null && oldValue.getClass().isArray()
                        || oldDocument.containsKey(key) != newDocument.containsKey(key)
                        || !Objects.equals(oldValue, newDocument.get(key))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A collection that keeps no data size. */
    protected static class LeanCollection extends MemoryCollection {

        protected LeanCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }
    }
}
