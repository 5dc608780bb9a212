package dev.almanac.query.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.CompareAndSetWrites;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.DocumentStore;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.ProjectedEvent;
import dev.almanac.query.readmodel.ProjectionFollower;
import dev.almanac.query.readmodel.ReadModel;

/**
 * Writes the change feed's log beside the projection's own writes (ADR 0080), in three collections read only by key:
 * <ul>
 * <li>{@value #LOG}: one document per topic partition and block of {@value #BLOCK} offsets, holding under each offset the
 * changes its record made, by entity, in order; set by key, so a batch that comes again writes the same;</li>
 * <li>{@value #LATEST}: each entity's last change with the offset that made it, newest version wins, from which a first
 * sync pages through the current state;</li>
 * <li>{@value #HEADS}: per topic partition, the highest offset the log is complete through ({@code through}) and the first
 * one it holds ({@code origin}), raised only after the changes are written.</li>
 * </ul>
 * The projection writes an entity's own document only after this returns, so a read that waited for its write (ADR 0058)
 * finds the change in the feed.
 */
@Component
public class ChangeLog implements ProjectionFollower, ReadModel {

    static final String LOG = "change_log";
    static final String LATEST = "change_feed_entities";
    static final String HEADS = "change_log_heads";
    /** When a log document was last written to, by which {@link ChangeLogPruner} drops it. */
    public static final String WRITTEN = "written";
    /** Offsets per log document: a sync reads a partition's new changes in one or a few key lookups. */
    static final int BLOCK = 256;

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final DocumentCodec<Document> AS_IS = new DocumentCodec<>() {
        @Override
        public String id(Document state) {
            return state.getString("_id");
        }

        @Override
        public Document encode(Document state) {
            return state;
        }

        @Override
        public Document decode(Document document) {
            return document;
        }
    };

    private final MongoCollection<Document> log;
    private final DocumentStore<Document> latest;
    private final MongoCollection<Document> heads;
    private final Duration timeout;

    public ChangeLog(MongoDatabase database, @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.log = database.getCollection(LOG);
        this.latest = new DocumentStore<>(database, LATEST, AS_IS, timeout);
        this.heads = database.getCollection(HEADS);
        this.timeout = timeout;
    }

    /** Only the newest changes are written by compare-and-set; the log and its heads are set by key. */
    @Override
    public List<String> collections() {
        return List.of(LATEST);
    }

    @Override
    public boolean follows(String collection) {
        return FeedChange.COLLECTIONS.contains(collection);
    }

    @Override
    public void follow(List<ProjectedEvent> events) {
        Map<String, Document> blocks = new LinkedHashMap<>();
        Map<String, Document> newest = new LinkedHashMap<>();
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            String partition = partitionId(event.topic(), event.partition());
            ranges.merge(partition, new long[] {event.offset(), event.offset()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            for (ProjectedEvent.StateChange change : event.changes()) {
                if (!follows(change.collection())) {
                    continue;
                }
                FeedChange told = FeedChange.of(change);
                if (told == null) {
                    continue;
                }
                // By entity under the offset: a batch that comes again after its entities were partly written has fewer
                // changes, and adds nothing and removes nothing.
                blocks.computeIfAbsent(blockId(partition, event.offset()), id -> new Document())
                        .append("o." + event.offset() + "." + MapKeys.encode(told.key()), told.document());
                newest.put(told.key(), told.document().append("_id", told.key()).append("topic", event.topic())
                        .append("partition", event.partition()).append("offset", event.offset()));
            }
        }
        List<WriteModel<Document>> logWrites = new ArrayList<>();
        Date now = new Date();
        blocks.forEach((id, changes) -> logWrites.add(new UpdateOneModel<>(Filters.eq("_id", id),
                new Document("$set", changes).append("$max", new Document(WRITTEN, now)), new UpdateOptions().upsert(true))));
        write(log, logWrites).block(timeout);
        keepNewest(newest);
        List<WriteModel<Document>> raises = new ArrayList<>();
        ranges.forEach((partition, range) -> raises.add(new UpdateOneModel<>(Filters.eq("_id", partition),
                Updates.combine(Updates.max("through", range[1]), Updates.min("origin", range[0])), new UpdateOptions().upsert(true))));
        write(heads, raises).block(timeout);
    }

    /**
     * Sets each entity's newest change over an older one by compare-and-set on the lock index, read and written by
     * key: a filter on {@code _id} and {@code version} together would make the read-model store walk the collection.
     */
    private void keepNewest(Map<String, Document> newest) {
        CompareAndSetWrites.writeAll(latest, latest.load(newest.keySet()), (key, stored) -> {
            Document change = newest.get(key);
            return stored == null || version(stored) < version(change) ? change : stored;
        }, lost -> { });
    }

    private static long version(Document change) {
        return ((Number) change.get("version")).longValue();
    }

    /**
     * The writes, unordered; an upsert that collides on {@code _id} lost to a document at the same or a newer version (a batch
     * read again), which is what it would have written or newer.
     */
    private static Mono<Void> write(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return Mono.empty();
        }
        return Mono.from(collection.bulkWrite(writes, UNORDERED)).then()
                .onErrorResume(MongoBulkWriteException.class, failure -> {
                    for (BulkWriteError error : failure.getWriteErrors()) {
                        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            return Mono.error(failure);
                        }
                    }
                    return Mono.empty();
                });
    }

    static String partitionId(String topic, int partition) {
        return topic + "/" + partition;
    }

    static String blockId(String partition, long offset) {
        return partition + "/" + offset / BLOCK;
    }
}
