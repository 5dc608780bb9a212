package dev.almanac.query.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * One read-model collection, read and written only by key. {@link #load} is one
 * {@code {_id: {$in: ids}}} find; {@link #write} is one unordered bulk write in which every
 * change names the revision it was computed from: an update filtered by {@code {lock: token}}
 * (see {@link Locks}) or, for a document that did not exist, an insert that collides on
 * {@code _id} if someone else created it first. Neither filter makes a server scan. Blocking: the
 * projection runs on a thread of its own, and a timeout surfaces as a
 * {@link java.util.concurrent.TimeoutException} cause, which the platform treats as an outage.
 */
public final class DocumentStore<S> {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> collection;
    private final DocumentCodec<S> codec;
    private final Duration timeout;

    public DocumentStore(MongoDatabase database, String collection, DocumentCodec<S> codec, Duration timeout) {
        this.collection = database.getCollection(collection);
        this.codec = codec;
        this.timeout = timeout;
    }

    public String name() {
        return collection.getNamespace().getCollectionName();
    }

    /** The documents with these ids, each as read; an id without a document maps to {@link Stored#absent}. */
    public Map<String, Stored<S>> load(Collection<String> ids) {
        Map<String, Stored<S>> loaded = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return loaded;
        }
        List<Document> found = await(KeyLookups.byIds(collection, ids, null).collectList());
        Map<String, Document> byId = new LinkedHashMap<>();
        for (Document document : found) {
            byId.put(document.getString("_id"), document);
        }
        for (String id : ids) {
            Document document = byId.get(id);
            loaded.put(id, document == null ? Stored.absent(id) : stored(id, document));
        }
        return loaded;
    }

    /**
     * Writes each new state over the stored one it was computed from, skipping those that did not
     * change.
     *
     * @return the ids whose compare-and-set may have lost: reload them and apply the change again
     */
    public Set<String> write(Collection<Replacement<S>> replacements) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (Replacement<S> replacement : replacements) {
            Stored<S> before = replacement.before();
            Document after = codec.encode(replacement.after());
            Document stored = before.document();
            if (stored == null) {
                writes.add(new InsertOneModel<>(new Document(after).append(Locks.FIELD, Locks.token(before.id(), Locks.firstRevision()))));
            } else if (!after.equals(stored)) {
                Document update = DocumentDiff.between(stored, after);
                Document set = update.get("$set", Document.class);
                if (set == null) {
                    set = new Document();
                    update.put("$set", set);
                }
                set.append(Locks.FIELD, Locks.token(before.id(), before.revision() + 1));
                writes.add(new UpdateOneModel<>(Filters.eq(Locks.FIELD, Locks.token(before.id(), before.revision())), update));
                updated.add(before.id());
            } else {
                continue;
            }
            ids.add(before.id());
        }
        if (writes.isEmpty()) {
            return Set.of();
        }
        Set<String> lost = new HashSet<>();
        BulkWriteResult result;
        try {
            result = await(Mono.from(collection.bulkWrite(writes, UNORDERED)));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(ids.get(error.getIndex()));
            }
            result = e.getWriteResult();
        }
        // A bulk result counts matches but does not say which update missed, so all updates are suspects.
        if (result.getMatchedCount() < updated.size()) {
            lost.addAll(updated);
        }
        return lost;
    }

    private Stored<S> stored(String id, Document document) {
        long revision = Locks.revision(document);
        Document fields = new Document(document);
        fields.remove(Locks.FIELD);
        return new Stored<>(id, codec.decode(fields), revision, fields);
    }

    private <T> T await(Publisher<T> publisher) {
        return Blocking.await(publisher, timeout);
    }

    /** A new state for a document, and the stored document it was computed from. */
    public record Replacement<S>(Stored<S> before, S after) {
    }
}
