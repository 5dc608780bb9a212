package dev.almanac.query.conflict;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.MapKeys;
import dev.almanac.query.readmodel.NewestWins;

/**
 * {@link ConflictDay} as its document in {@code conflict_days}:
 * {@code {_id: "<scope>/<yyyy-MM-dd>", scope, bucket, c: {<conflict id>: conflict}, gone: {<conflict id>: version}}},
 * each conflict with the fields of its own document ({@link ConflictCodec}) and ids encoded by {@link MapKeys}.
 */
public final class ConflictDayCodec implements DocumentCodec<ConflictDay> {

    static final String SCOPE = "scope";
    static final String BUCKET = "bucket";
    static final String CONFLICTS = "c";
    static final String WITHDRAWN = "gone";

    @Override
    public String id(ConflictDay day) {
        return day.id();
    }

    @Override
    public Document encode(ConflictDay day) {
        Document conflicts = new Document();
        day.conflicts().present().forEach((id, conflict) -> conflicts.append(MapKeys.encode(id), ConflictCodec.fields(conflict)));
        Document document = new Document("_id", day.id()).append(SCOPE, day.scope()).append(BUCKET, day.bucket())
                .append(CONFLICTS, conflicts);
        if (!day.conflicts().withdrawn().isEmpty()) {
            Document withdrawn = new Document();
            day.conflicts().withdrawn().forEach((id, version) -> withdrawn.append(MapKeys.encode(id), version));
            document.append(WITHDRAWN, withdrawn);
        }
        return document;
    }

    @Override
    public ConflictDay decode(Document document) {
        TreeMap<String, ConflictView> conflicts = new TreeMap<>();
        for (ConflictView conflict : conflicts(document)) {
            conflicts.put(conflict.id(), conflict);
        }
        TreeMap<String, Long> withdrawn = new TreeMap<>();
        Document markers = document.get(WITHDRAWN, Document.class);
        if (markers != null) {
            markers.forEach((key, version) -> withdrawn.put(MapKeys.decode(key), ((Number) version).longValue()));
        }
        return new ConflictDay(document.getString(SCOPE), document.getString(BUCKET), new NewestWins<>(conflicts, withdrawn));
    }

    /** The conflicts a day document holds, read whole or with {@code c} projected. */
    static List<ConflictView> conflicts(Document document) {
        List<ConflictView> conflicts = new ArrayList<>();
        @Nullable Document held = document.get(CONFLICTS, Document.class);
        if (held != null) {
            held.forEach((key, conflict) -> conflicts.add(ConflictCodec.decode(MapKeys.decode(key), (Document) conflict)));
        }
        return conflicts;
    }
}
