package dev.almanac.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * mongo-java-server's in-memory backend, keeping each document as its BSON bytes
 * ({@link LeanCollection}, ADR 0065) and without two costs nothing in Almanac asks for (ADR 0031):
 * <ul>
 *   <li>the running data size: keeping it encodes every written document to BSON once more, to
 *   feed collection statistics that nothing reads, about a tenth of the server's work under the
 *   load benchmark;</li>
 *   <li>the index keys of both versions of every updated document, worked out through paths,
 *   streams and maps for each unique index, only to learn that the update left them as they were,
 *   or changed a string key ({@link LeanUniqueIndex});</li>
 *   <li>two deep copies and a full, normalising comparison of every updated document, where the update only sets,
 *   unsets and pushes onto fields of one document found by a unique key ({@link PlainUpdate}).</li>
 * </ul>
 */
public class LeanMemoryBackend extends AbstractMongoBackend {

    private final boolean plainUpdates;
    /** Databases read from a snapshot ({@link LeanMemorySnapshot}), each taken when the server first opens it. */
    private final Map<String, Map<String, List<byte[]>>> restoring = new ConcurrentHashMap<>();
    private volatile @Nullable Runnable beforeClose;

    public LeanMemoryBackend() {
        this(true);
    }

    /** With {@code plainUpdates} false every update goes the server's generic way: for measuring what they save. */
    LeanMemoryBackend(boolean plainUpdates) {
        this.plainUpdates = plainUpdates;
    }

    /**
     * A backend holding these databases, each a map of collection names (the server's own {@code system.namespaces} and
     * {@code system.indexes} among them) to their documents' BSON bytes. The server reopens each collection and index from
     * them as it reopens the H2 backend's from its file, and fills the indexes from the documents.
     */
    LeanMemoryBackend(Map<String, Map<String, List<byte[]>>> databases) {
        this(true);
        restoring.putAll(databases);
        databases.keySet().forEach(this::resolveDatabase);
    }

    /** Runs {@code action} when the server closes this backend, before the databases are let go (a snapshot's write). */
    void beforeClose(Runnable action) {
        beforeClose = action;
    }

    @Override
    public void close() {
        Runnable action = beforeClose;
        beforeClose = null;
        if (action != null) {
            action.run();
        }
        super.close();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new LeanDatabase(databaseName, getCursorRegistry(), plainUpdates, restoring.remove(databaseName));
    }

    /**
     * Every database with its collections' BSON bytes, as {@link #LeanMemoryBackend(Map)} takes them back. Only while no
     * command runs: the server's network stopped, before {@link #close()}.
     */
    Map<String, Map<String, List<byte[]>>> contents() {
        Map<String, Map<String, List<byte[]>>> contents = new LinkedHashMap<>();
        for (String name : listDatabaseNames()) {
            if (resolveDatabase(name) instanceof LeanDatabase database) {
                contents.put(name, database.contents());
            }
        }
        return contents;
    }

    /** A database of {@link LeanCollection}s and {@link LeanUniqueIndex}es; as the server's memory database otherwise. */
    protected static class LeanDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

        private final boolean plainUpdates;
        /** The collections as a snapshot left them, each taken when the server reopens it; null when none. */
        private final @Nullable Map<String, List<byte[]>> restored;
        /** Every collection opened, by name; the server's own map of them is not visible here. */
        private final Map<String, LeanCollection> opened = new ConcurrentHashMap<>();

        protected LeanDatabase(String name, CursorRegistry cursorRegistry) {
            this(name, cursorRegistry, true);
        }

        LeanDatabase(String name, CursorRegistry cursorRegistry, boolean plainUpdates) {
            this(name, cursorRegistry, plainUpdates, null);
        }

        LeanDatabase(String name, CursorRegistry cursorRegistry, boolean plainUpdates, @Nullable Map<String, List<byte[]>> restored) {
            super(name, cursorRegistry);
            this.plainUpdates = plainUpdates;
            this.restored = restored == null ? null : new ConcurrentHashMap<>(restored);
            // With restored collections the server finds its namespaces and index descriptions among them, reopens every
            // collection, and fills each index from the collection's documents (AbstractMongoCollection.addIndex).
            initializeNamespacesAndIndexes();
            if (this.restored != null) {
                this.restored.clear();
                opened.values().forEach(LeanCollection::reopened);
            }
        }

        @Override
        protected MongoCollection<Integer> openOrCreateCollection(String collectionName, CollectionOptions options) {
            LeanCollection collection = new LeanCollection(this, collectionName, options, cursorRegistry);
            // Not taken: the server opens system.indexes twice as it reopens a database, once as a namespace and once as
            // the index descriptions, and keeps the second.
            List<byte[]> documents = restored == null ? null : restored.get(collectionName);
            if (documents != null) {
                collection.restore(documents);
            }
            opened.put(collectionName, collection);
            return collection;
        }

        /** The collections the server still knows (not those dropped), with their documents' BSON bytes. */
        Map<String, List<byte[]>> contents() {
            Map<String, List<byte[]>> contents = new LinkedHashMap<>();
            opened.forEach((name, collection) -> {
                if (resolveCollection(name, false) == collection) {
                    contents.put(name, collection.storedDocuments());
                }
            });
            return contents;
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new LeanUniqueIndex(indexName, keys, sparse);
        }

        @Override
        protected long getStorageSize() {
            return 0;
        }

        @Override
        protected long getFileSize() {
            return 0;
        }
    }

    /**
     * A unique index that sees cheaply whether an update changed its keys. The server asks that of every
     * unique index for every updated document, before it checks or moves anything; it answers by deriving
     * both versions' key values through paths, streams and maps. The projections update documents found by
     * {@code _id}, whose key never changes, and change the {@code lock} token of each (query-service's
     * {@code Locks}), whose key always does. Here, when every key is a top-level field holding a plain value
     * (no subdocument, list or array), present in both versions or in neither, and equal, the keys are
     * equal; when one such key holds a string in both versions and the strings differ, the keys differ,
     * since the server derives a string's key value from the string alone. Whatever is left, dotted paths,
     * compound values, numbers of different types or a value that changed type, goes to the server's own
     * comparison.
     */
    protected static class LeanUniqueIndex extends MemoryUniqueIndex {

        /** The keys when all are top-level fields, else null. */
        private final String[] topLevelKeys;

        protected LeanUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.topLevelKeys = keys.stream().map(IndexKey::getKey).anyMatch(key -> key.indexOf('.') >= 0) ? null
                    : keys.stream().map(IndexKey::getKey).toArray(String[]::new);
        }

        /**
         * Enters a restored document's keys without the check {@link #add} makes first, which works the keys out a second
         * time: the document held them under this index when the snapshot was written ({@link LeanCollection#addIndex}).
         * Only for an index that is not sparse ({@link #restorable}), which would leave out documents without its keys.
         */
        void restore(Document keys, Integer position) {
            for (KeyValue key : getKeyValues(keys)) {
                putKeyPosition(key, position);
            }
        }

        boolean restorable() {
            return !isSparse();
        }

        @Override
        protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
            return switch (compareTopLevelValues(oldDocument, newDocument)) {
                case SAME -> true;
                case DIFFERENT -> false;
                case UNKNOWN -> super.nullAwareEqualsKeys(oldDocument, newDocument);
            };
        }

        private enum Keys { SAME, DIFFERENT, UNKNOWN }

        private Keys compareTopLevelValues(Document oldDocument, Document newDocument) {
            if (topLevelKeys == null) {
                return Keys.UNKNOWN;
            }
            boolean textChanged = false;
            for (String key : topLevelKeys) {
                Object oldValue = oldDocument.get(key);
                Object newValue = newDocument.get(key);
                if (oldValue instanceof String oldText && newValue instanceof String newText) {
                    textChanged |= !oldText.equals(newText);
                } else if (oldValue instanceof Map || oldValue instanceof Collection || oldValue != null && oldValue.getClass().isArray()
                        || oldDocument.containsKey(key) != newDocument.containsKey(key)
                        || !Objects.equals(oldValue, newValue)) {
                    return Keys.UNKNOWN;
                }
            }
            return textChanged ? Keys.DIFFERENT : Keys.SAME;
        }
    }

    /**
     * A collection that keeps each document as its BSON bytes, one array per document, and no data
     * size. The server's own memory collection keeps documents as trees of maps, about 25 objects
     * and several kilobytes a document; in a heap that a load holds for minutes, each young collection
     * then traced and copied every document written since the last, and scanned the references into
     * them from the old generation, in pauses that grew with the data (ADR 0065). Bytes are one object
     * each, copied without tracing. A document is decoded where the server reads it, which is where the
     * server's collection cloned it, and encoded where it is stored.
     */
    protected static class LeanCollection extends AbstractSynchronizedMongoCollection<Integer> {

        private final List<byte[]> documents = new ArrayList<>();
        private final Deque<Integer> emptyPositions = new ArrayDeque<>();
        /** Whether plain updates skip the server's generic path ({@link LeanMemoryBackend#LeanMemoryBackend(boolean)}). */
        private final boolean plainUpdates;

        protected LeanCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
            this.plainUpdates = !(database instanceof LeanDatabase lean) || lean.plainUpdates;
        }

        /** Set while the server reopens a restored collection's indexes, which {@link #addIndex} then fills cheaply. */
        private boolean reopening;

        /** Takes these documents as its own; only before the server uses the collection. */
        void restore(List<byte[]> stored) {
            documents.addAll(stored);
            reopening = true;
        }

        /** The server has reopened the collection's indexes: from now on an index is built the server's way, checked. */
        synchronized void reopened() {
            reopening = false;
        }

        /**
         * An index opened over documents already here (a restored collection's) is filled from each document's key fields
         * alone, and not checked again: the store held them under the same unique keys when it wrote them. The server's
         * way decodes every document whole, twice, for each index; that made reading back a snapshot cost about 50 µs a
         * document.
         */
        @Override
        public synchronized void addIndex(Index<Integer> index) {
            if (reopening && index != null && index.isEmpty()
                    && getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()))) {
                Set<String> fields = new HashSet<>();
                index.getKeys().forEach(key -> fields.add(topLevel(key.getKey())));
                for (int position = 0; position < documents.size(); position++) {
                    byte[] stored = documents.get(position);
                    if (stored == null) {
                        continue;
                    }
                    Document keys = decode(stored, fields);
                    if (index instanceof LeanUniqueIndex lean && lean.restorable()) {
                        lean.restore(keys, position);
                    } else {
                        index.add(keys, position, this);
                    }
                }
            }
            super.addIndex(index);
        }

        /** Its documents' BSON bytes, the slots of removed ones left out. */
        synchronized List<byte[]> storedDocuments() {
            return documents.stream().filter(Objects::nonNull).toList();
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            // No data size is kept: nothing asks for it.
        }

        @Override
        protected int getDataSize() {
            return 0;
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = emptyPositions.poll();
            if (position == null) {
                documents.add(encode(document));
                return documents.size() - 1;
            }
            documents.set(position, encode(document));
            return position;
        }

        @Override
        protected Document getDocument(Integer position) {
            byte[] stored = documents.get(position);
            return stored == null ? null : decode(stored);
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            documents.set(position, encode(newDocument));
        }

        /**
         * A plain update ({@link PlainUpdate}) of the one document a unique key finds, applied without the server's two
         * deep copies and full comparison; any other update goes the server's way.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
                                                     boolean isUpsert, Oplog oplog) {
            PlainUpdate plain = !plainUpdates || isMulti || !arrayFilters.isEmpty() ? null : PlainUpdate.of(update, getIdField());
            Index<Integer> index = plain == null ? null : getIndexes().stream().filter(Index::isUnique)
                    .filter(candidate -> candidate.canHandle(selector)).findFirst().orElse(null);
            if (index == null) {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            }
            for (Integer position : index.getPositions(selector)) {
                Document document = getDocument(position);
                if (document == null || !documentMatchesQuery(document, selector)) {
                    continue;
                }
                Document updated = plain.applyTo(document);
                if (updated == null) {
                    return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
                }
                List<Object> updatedIds = new ArrayList<>(1);
                if (updated != document) {
                    Utils.validateFieldNames(updated);
                    for (Index<Integer> each : getIndexes()) {
                        each.checkUpdate(document, updated, this);
                    }
                    for (Index<Integer> each : getIndexes()) {
                        each.updateInPlace(document, updated, position, this);
                    }
                    documents.set(position, encode(updated));
                    updatedIds.add(document.get(getIdField()));
                }
                oplog.handleUpdate(getFullName(), selector, update, updatedIds);
                return new Document("n", 1).append("nModified", updatedIds.size());
            }
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }

        @Override
        protected void removeDocument(Integer position) {
            documents.set(position, null);
            emptyPositions.add(position);
        }

        @Override
        public synchronized int count() {
            return documents.size() - emptyPositions.size();
        }

        @Override
        public synchronized boolean isEmpty() {
            return count() == 0;
        }

        @Override
        protected Integer findDocumentPosition(Document document) {
            for (int position = 0; position < documents.size(); position++) {
                byte[] stored = documents.get(position);
                if (stored != null && decode(stored).equals(document)) {
                    return position;
                }
            }
            return null;
        }

        @Override
        protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
            return IntStream.range(0, documents.size())
                    .filter(position -> documents.get(position) != null)
                    .mapToObj(position -> new DocumentWithPosition<>(decode(documents.get(position)), position));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            IntStream positions = IntStream.range(0, documents.size());
            if (isNaturalDescending(orderBy)) {
                positions = positions.map(position -> documents.size() - 1 - position);
            }
            Stream<Document> stream = positions.mapToObj(documents::get).filter(Objects::nonNull)
                    .map(decoderFor(query, orderBy, fieldSelector));
            return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** The documents an index found; as the server does it, but decoding only the fields the query needs. */
        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Integer> positions, Document orderBy, int numberToSkip,
                                             int limit, int batchSize, Document fieldSelector) {
            Stream<Document> stream = StreamSupport.stream(positions.spliterator(), false).map(documents::get)
                    .filter(Objects::nonNull).map(decoderFor(query, orderBy, fieldSelector));
            return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * Whole documents, unless the query, its order and its projection name top-level fields only
         * (or paths within them) and the projection includes rather than excludes: then those fields
         * alone, which give the same matches and the same projected documents. A revision check reads
         * a calendar's year as 366 documents projected to their lock; decoding each whole, with its
         * entries, cost 40 ms a check at 3.65 million entries.
         */
        static Function<byte[], Document> decoderFor(Document query, Document orderBy, Document fieldSelector) {
            Set<String> fields = fieldsNeeded(query, orderBy, fieldSelector);
            return fields == null ? LeanCollection::decode : bytes -> decode(bytes, fields);
        }

        private static Set<String> fieldsNeeded(Document query, Document orderBy, Document fieldSelector) {
            if (fieldSelector == null || fieldSelector.isEmpty()) {
                return null;
            }
            Set<String> fields = new HashSet<>();
            fields.add(Constants.ID_FIELD);
            for (Map.Entry<String, Object> selected : fieldSelector.entrySet()) {
                Object value = selected.getValue();
                boolean included = value instanceof Boolean flag ? flag : value instanceof Number number && number.doubleValue() != 0;
                if (selected.getKey().startsWith("$") || !(value instanceof Boolean || value instanceof Number)
                        || !included && !selected.getKey().equals(Constants.ID_FIELD)) {
                    return null;
                }
                fields.add(topLevel(selected.getKey()));
            }
            for (String key : query == null ? Set.<String>of() : query.keySet()) {
                if (key.startsWith("$")) {
                    return null;
                }
                fields.add(topLevel(key));
            }
            for (String key : orderBy == null ? Set.<String>of() : orderBy.keySet()) {
                if (!key.equals("$natural")) {
                    fields.add(topLevel(key));
                }
            }
            return fields;
        }

        private static String topLevel(String path) {
            int dot = path.indexOf('.');
            return dot < 0 ? path : path.substring(0, dot);
        }

        private static byte[] encode(Document document) {
            ByteBuf buffer = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(document, buffer);
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                return bytes;
            } finally {
                buffer.release();
            }
        }

        private static Document decode(byte[] bytes) {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        }

        /** The document with only these top-level fields, in their stored order; the others are stepped over. */
        static Document decode(byte[] bytes, Set<String> fields) {
            ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
            buffer.skipBytes(Integer.BYTES);
            Document document = new Document();
            for (byte type = buffer.readByte(); type != 0; type = buffer.readByte()) {
                String name = BsonDecoder.decodeCString(buffer);
                if (fields.contains(name)) {
                    document.put(name, BsonDecoder.decodeValue(type, buffer));
                } else {
                    skipValue(type, buffer);
                }
            }
            return document;
        }

        /** Steps over a value of this BSON type: by its length where it has one, else by decoding it. */
        private static void skipValue(byte type, ByteBuf buffer) {
            switch (type) {
                case 0x01, 0x09, 0x11, 0x12 -> buffer.skipBytes(8); // double, date, timestamp, int64
                case 0x02, 0x0D, 0x0E -> buffer.skipBytes(buffer.readIntLE()); // string, code, symbol
                case 0x03, 0x04, 0x0F -> buffer.skipBytes(buffer.readIntLE() - Integer.BYTES); // document, array, code with scope
                case 0x05 -> buffer.skipBytes(buffer.readIntLE() + 1); // binary, with its subtype
                case 0x07 -> buffer.skipBytes(12); // object id
                case 0x08 -> buffer.skipBytes(1); // boolean
                case 0x10 -> buffer.skipBytes(4); // int32
                case 0x13 -> buffer.skipBytes(16); // decimal128
                case 0x06, 0x0A, 0x7F, -1 -> { } // undefined, null, max key, min key
                default -> BsonDecoder.decodeValue(type, buffer);
            }
        }
    }
}
