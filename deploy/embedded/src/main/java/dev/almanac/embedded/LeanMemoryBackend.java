package dev.almanac.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's in-memory backend without its running data size. Keeping that size encodes
 * every written document to BSON once more, to feed collection statistics that nothing in Almanac
 * reads: about a tenth of the server's work under the load benchmark (ADR 0031).
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
