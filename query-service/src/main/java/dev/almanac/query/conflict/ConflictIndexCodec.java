package dev.almanac.query.conflict;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.query.readmodel.DocumentCodec;

/** {@link ConflictIndex} as its document in {@code conflict_index}: {@code {_id: scope, b: {<yyyy-MM-dd>: {<status>: count}}}}. */
public final class ConflictIndexCodec implements DocumentCodec<ConflictIndex> {

    static final String BUCKETS = "b";

    @Override
    public String id(ConflictIndex index) {
        return index.scope();
    }

    @Override
    public Document encode(ConflictIndex index) {
        Document buckets = new Document();
        index.buckets().forEach((bucket, counts) -> {
            Document byStatus = new Document();
            counts.byStatus().forEach((status, count) -> byStatus.append(wire(status), count));
            buckets.append(bucket, byStatus);
        });
        return new Document("_id", index.scope()).append(BUCKETS, buckets);
    }

    @Override
    public ConflictIndex decode(Document document) {
        TreeMap<String, ConflictIndex.Counts> buckets = new TreeMap<>();
        Document held = document.get(BUCKETS, Document.class);
        if (held != null) {
            held.forEach((bucket, counts) -> buckets.put(bucket, counts(counts)));
        }
        return new ConflictIndex(document.getString("_id"), buckets);
    }

    /** Counts by status; an index written before the lifecycle holds {@code [active, cleared]}, active being detected then. */
    private static ConflictIndex.Counts counts(Object held) {
        EnumMap<ConflictStatus, Integer> counts = new EnumMap<>(ConflictStatus.class);
        if (held instanceof List<?> pair) {
            counts.put(ConflictStatus.DETECTED, ((Number) pair.get(0)).intValue());
            counts.put(ConflictStatus.CLEARED, ((Number) pair.get(1)).intValue());
        } else {
            ((Document) held).forEach((status, count) -> counts.put(fromWire(ConflictStatus.class, status), ((Number) count).intValue()));
        }
        return new ConflictIndex.Counts(counts);
    }
}
