package dev.almanac.query.changes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The sets of calendars hidden from callers when tokens were given, kept by digest ({@value #COLLECTION}): a token names
 * its caller's hidden set by digest, and a later sync compares it with the set hidden now, to tell which calendars the
 * caller lost or gained since (ADR 0080). Sets are few (callers who see the same calendars share one), and each is written
 * once per process.
 */
final class FeedScopes {

    static final String COLLECTION = "change_feed_scopes";
    /** The digest of hiding nothing: what an admin, and every caller while no calendar has grants, sees. */
    static final String EVERY_CALENDAR = "all";
    private static final int KNOWN_MAX = 10_000;

    private final MongoCollection<Document> scopes;
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    FeedScopes(MongoDatabase database) {
        this.scopes = database.getCollection(COLLECTION);
    }

    static String digest(Collection<String> hidden) {
        return hidden.isEmpty() ? EVERY_CALENDAR : FeedTokens.digest(String.join("\n", new TreeSet<>(hidden)));
    }

    /** Keeps the set under its digest, once per process; completes with the digest. */
    Mono<String> keep(SortedSet<String> hidden) {
        String digest = digest(hidden);
        if (hidden.isEmpty() || stored.contains(digest)) {
            return Mono.just(digest);
        }
        return Mono.from(scopes.replaceOne(Filters.eq("_id", digest), new Document("_id", digest).append("hidden", new ArrayList<>(hidden)),
                new ReplaceOptions().upsert(true))).map(written -> {
                    if (stored.size() < KNOWN_MAX) {
                        stored.add(digest);
                    }
                    return digest;
                });
    }

    /** The set kept under {@code digest}; empty when none was (another store, or one emptied since). */
    Mono<Optional<SortedSet<String>>> find(String digest) {
        if (digest.equals(EVERY_CALENDAR)) {
            return Mono.just(Optional.of(new TreeSet<>()));
        }
        return Mono.from(scopes.find(Filters.eq("_id", digest)).first())
                .map(document -> Optional.<SortedSet<String>>of(new TreeSet<>(document.getList("hidden", String.class))))
                .defaultIfEmpty(Optional.empty());
    }

    /** What a caller lost and gained between two hidden sets. */
    record Difference(List<String> lost, List<String> gained) {

        static Difference between(SortedSet<String> hiddenBefore, SortedSet<String> hiddenNow) {
            List<String> lost = hiddenNow.stream().filter(calendar -> !hiddenBefore.contains(calendar)).toList();
            List<String> gained = hiddenBefore.stream().filter(calendar -> !hiddenNow.contains(calendar)).toList();
            return new Difference(lost, gained);
        }
    }

}
