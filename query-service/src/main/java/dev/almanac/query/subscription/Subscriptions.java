package dev.almanac.query.subscription;

import java.time.Duration;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/**
 * {@value #COLLECTION}: one document per subscription, by the SHA-256 of its token (the only key the feed has), holding its
 * calendar, user, whether it is revoked and the version of the last event applied. A version at or below the one held
 * changes nothing, so a redelivered or reordered event never brings a revoked subscription back.
 */
@Component
public class Subscriptions implements ReadModel {

    public static final String COLLECTION = "calendar_subscriptions";

    private final MongoCollection<Document> collection;
    private final Duration timeout;

    public Subscriptions(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.collection = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** Keeps the subscription's state at {@code version} unless a later one is held. Blocks until written. */
    public void put(String tokenHash, Subscription subscription) {
        Document document = new Document("_id", tokenHash)
                .append(Locks.FIELD, Locks.token(tokenHash, subscription.version() + 1))
                .append("subscription_id", subscription.subscriptionId())
                .append("calendar_id", subscription.calendarId())
                .append("user_id", subscription.userId())
                .append("revoked", subscription.revoked())
                .append("version", subscription.version());
        try {
            Mono.from(collection.replaceOne(Filters.and(Filters.eq("_id", tokenHash), Filters.lt("version", subscription.version())),
                    document, new ReplaceOptions().upsert(true))).block(timeout);
        } catch (MongoWriteException held) {
            // The filter missed a document of a later (or the same) version, and the upsert collided with it: nothing to do.
            if (held.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw held;
            }
        }
    }

    /** The subscription whose token hashes to {@code tokenHash}; empty if none was issued (or its issue is not read yet). */
    public Mono<Subscription> find(String tokenHash) {
        return Mono.from(collection.find(Filters.eq("_id", tokenHash)).first())
                .map(document -> new Subscription(document.getString("subscription_id"), document.getString("calendar_id"),
                        document.getString("user_id"), Boolean.TRUE.equals(document.getBoolean("revoked")),
                        document.get("version", Number.class).longValue()));
    }
}
