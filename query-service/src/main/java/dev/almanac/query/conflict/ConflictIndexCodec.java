package dev.almanac.query.conflict;

import java.util.List;
import java.util.TreeMap;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;

/** {@link ConflictIndex} as its document in {@code conflict_index}: {@code {_id: scope, b: {<yyyy-MM-dd>: [active, cleared]}}}. */
public final class ConflictIndexCodec implements DocumentCodec<ConflictIndex> {

    static final String BUCKETS = "b";

    @Override
    public String id(ConflictIndex index) {
        return index.scope();
    }

    @Override
    public Document encode(ConflictIndex index) {
        Document buckets = new Document();
        index.buckets().forEach((bucket, counts) -> buckets.append(bucket, List.of(counts.active(), counts.cleared())));
        return new Document("_id", index.scope()).append(BUCKETS, buckets);
    }

    @Override
    public ConflictIndex decode(Document document) {
        TreeMap<String, ConflictIndex.Counts> buckets = new TreeMap<>();
        Document held = document.get(BUCKETS, Document.class);
        if (held != null) {
            held.forEach((bucket, counts) -> {
                List<?> pair = (List<?>) counts;
                buckets.put(bucket, new ConflictIndex.Counts(((Number) pair.get(0)).intValue(), ((Number) pair.get(1)).intValue()));
            });
        }
        return new ConflictIndex(document.getString("_id"), buckets);
    }
}
