package dev.almanac.query.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Reads documents by {@code _id}, in finds of at most {@value #IDS_PER_FIND} ids issued side by
 * side. mongo-java-server answers {@code {_id: {$in: ids}}} from the {@code _id} index but then
 * checks every document found against the whole list again, so one find of n ids costs n²
 * comparisons: 366 days in one find took twice as long as in finds of 50. MongoDB does not
 * care either way.
 */
public final class KeyLookups {

    static final int IDS_PER_FIND = 50;
    private static final int FINDS_AT_ONCE = 4;

    private KeyLookups() {
    }

    /**
     * The filter of the documents whose {@code _id} begins with {@code prefix}: a range of the {@code _id} index, not a
     * scan. A tenant's documents are so read (ADR 0102: every id begins with its tenant).
     */
    public static Bson idsBeginningWith(String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a prefix of at least one character: an empty one is every document");
        }
        char last = prefix.charAt(prefix.length() - 1);
        return Filters.and(Filters.gte("_id", prefix), Filters.lt("_id", prefix.substring(0, prefix.length() - 1) + (char) (last + 1)));
    }

    /** The documents with these ids, in no particular order, with only {@code fields} when given. */
    public static Flux<Document> byIds(MongoCollection<Document> collection, Collection<String> ids, @Nullable List<String> fields) {
        List<String> all = new ArrayList<>(ids);
        if (all.isEmpty()) {
            return Flux.empty();
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_FIND) {
            chunks.add(all.subList(from, Math.min(all.size(), from + IDS_PER_FIND)));
        }
        return Flux.fromIterable(chunks).flatMap(chunk -> {
            FindPublisher<Document> find = collection.find(chunk.size() == 1 ? Filters.eq("_id", chunk.get(0)) : Filters.in("_id", chunk));
            return Flux.from(fields == null ? find : find.projection(Projections.include(fields)));
        }, FINDS_AT_ONCE);
    }
}
