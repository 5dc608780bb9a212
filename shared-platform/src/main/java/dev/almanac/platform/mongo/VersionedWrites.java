package dev.almanac.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * Applies an event to one document at most once, without transactions: the write carries the
 * event's aggregate version and matches only a document whose stored version is older. When
 * the document already holds this version or a newer one, the upsert collides with the
 * existing {@code _id} and nothing changes. A redelivered, duplicated or out-of-date event is
 * therefore a no-op.
 */
public final class VersionedWrites {

    /** The field that holds the last applied aggregate version. */
    public static final String VERSION = "version";

    private VersionedWrites() {
    }

    /**
     * Sets {@code update} on the document {@code id} if {@code version} is newer than its
     * stored version, creating the document when it does not exist.
     *
     * @return true if the write was applied, false if the document was already at this version or newer
     */
    public static Mono<Boolean> applyIfNewer(MongoCollection<Document> collection, String id, long version, Bson update) {
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, version));
        Bson versioned = Updates.combine(update, Updates.set(VERSION, version));
        return Mono.from(collection.updateOne(filter, versioned, new UpdateOptions().upsert(true)))
                .map(result -> result.getModifiedCount() > 0 || result.getUpsertedId() != null)
                .onErrorResume(VersionedWrites::isDuplicateKey, duplicate -> Mono.just(false));
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
