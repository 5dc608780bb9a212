package dev.almanac.platform.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import dev.almanac.embedded.LeanMemoryBackend;

/**
 * The local stack's in-memory backend ({@link LeanMemoryBackend}), counting per collection how often a query took the path
 * that walks every document ({@code matchDocuments(query, orderBy, …)}) and how often the path
 * that reads only the positions an index gave ({@code matchDocuments(query, positions, …)}).
 * Updates and deletes find their documents through the same two paths, so the counts cover writes
 * too. This is the server's own decision, not a guess from timings.
 */
public final class CountingMemoryBackend extends LeanMemoryBackend {

    private final Counts counts = new Counts();

    public Counts counts() {
        return counts;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CountingDatabase(databaseName, getCursorRegistry(), counts);
    }

    /** Scans and index lookups per {@code database.collection}. */
    public static final class Counts {

        private final Map<String, AtomicLong> scans = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lookups = new ConcurrentHashMap<>();

        public long scans(String database, String collection) {
            return scans.getOrDefault(database + '.' + collection, new AtomicLong()).get();
        }

        public long lookups(String database, String collection) {
            return lookups.getOrDefault(database + '.' + collection, new AtomicLong()).get();
        }

        public void reset() {
            scans.clear();
            lookups.clear();
        }

        void scanned(String collection) {
            scans.computeIfAbsent(collection, name -> new AtomicLong()).incrementAndGet();
        }

        void lookedUp(String collection) {
            lookups.computeIfAbsent(collection, name -> new AtomicLong()).incrementAndGet();
        }
    }

    private static final class CountingDatabase extends LeanDatabase {

        /** Set after the superclass constructor, which already opens the system collections; those are never counted. */
        private final Counts counts;

        CountingDatabase(String name, CursorRegistry cursorRegistry, Counts counts) {
            super(name, cursorRegistry);
            this.counts = counts;
        }

        @Override
        protected MongoCollection<Integer> openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new CountingCollection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class CountingCollection extends LeanCollection {

        CountingCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            counts().ifPresent(counts -> counts.scanned(getFullName()));
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Integer> positions, Document orderBy, int numberToSkip,
                                             int limit, int batchSize, Document fieldSelector) {
            counts().ifPresent(counts -> counts.lookedUp(getFullName()));
            return super.matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        private Optional<Counts> counts() {
            return Optional.ofNullable(((CountingDatabase) getDatabase()).counts);
        }
    }
}
