package dev.almanac.query.window;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code window_revisions} read model: one document per calendar, and one for all calendars ({@link #ALL}),
 * whose revision the projection replaces with a new random one after every batch that wrote that calendar's days,
 * once those days and the window days above them are written (ADR 0035 addendum of 2026-11-26). A kept window
 * whose scope still holds the revision it was last found current at has read nothing that changed since: its
 * check is one read by {@code _id} instead of a read of every day's revision.
 */
@Component
public class WindowRevisions implements ReadModel {

    public static final String COLLECTION = "window_revisions";
    /** The scope of windows over all calendars; no calendar id begins with '*'. */
    static final String ALL = "*";
    /** What a scope's revision reads as while it has no document: it never matches a kept one. */
    static final String NONE = "";

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> collection;

    public WindowRevisions(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The scope a window of {@code queue} reads its days in: that calendar, or all calendars. */
    static String scopeOf(@Nullable String queue) {
        return queue == null ? ALL : queue;
    }

    /** The scope's revision now, or {@link #NONE}. */
    Mono<String> revision(String scope) {
        return KeyLookups.byIds(collection, List.of(scope), List.of(Locks.FIELD)).next()
                .map(document -> document.getString(Locks.FIELD))
                .defaultIfEmpty(NONE);
    }

    /**
     * Gives all calendars and each of these calendars a new revision. Call it only once their days' writes have
     * ended: a window that reads a revision and then its days must see every day written before that revision.
     * Random ({@link Locks#firstRevision}) rather than counted, so that no revision comes back after the read models were
     * emptied and rebuilt.
     */
    public Mono<BulkWriteResult> changed(Collection<String> calendarIds) {
        List<WriteModel<Document>> writes = new ArrayList<>(calendarIds.size() + 1);
        writes.add(newRevision(ALL));
        calendarIds.forEach(calendarId -> writes.add(newRevision(calendarId)));
        return Mono.from(collection.bulkWrite(writes, UNORDERED));
    }

    private static WriteModel<Document> newRevision(String scope) {
        return new UpdateOneModel<>(Filters.eq("_id", scope), Updates.set(Locks.FIELD, Locks.token(scope, Locks.firstRevision())), UPSERT);
    }
}
