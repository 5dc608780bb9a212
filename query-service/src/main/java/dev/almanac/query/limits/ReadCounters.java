package dev.almanac.query.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.PeriodicWork;

/**
 * Fixed-window counters in the read models' store, which every replica of query-service shares: one document per
 * caller, family and window, counted up by its key alone (an upsert on {@code _id}, which the store answers by its index),
 * so a caller's budget holds however many replicas answer it. Windows that have ended are deleted every ten minutes, by a
 * filter on {@code until} that walks the collection: off the request path, over one document per recent caller and family.
 */
@Component
public class ReadCounters implements SmartLifecycle {

    static final String COLLECTION = "read_limit_windows";
    private static final Logger log = LoggerFactory.getLogger(ReadCounters.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final FindOneAndUpdateOptions COUNT_UP = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> windows;
    private final PeriodicWork pruning;

    ReadCounters(MongoDatabase database) {
        this.windows = database.getCollection(COLLECTION);
        this.pruning = new PeriodicWork("Ended read-limit windows not deleted", PRUNE_EVERY, PRUNE_EVERY, () -> pruneEnded(Instant.now()), log);
    }

    /** The window of {@code length} that holds {@code now}, aligned to the epoch so that every replica agrees on it. */
    static Instant windowStart(Instant now, Duration length) {
        long seconds = length.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    /** Counts one read of {@code caller} in {@code family}'s window that starts at {@code start}; the count with it. */
    Mono<Long> countOne(ReadFamily family, String caller, Instant start, Duration length) {
        String key = family.policyName() + "|" + start.getEpochSecond() + "|" + caller;
        Mono<Document> counted = Mono.from(windows.findOneAndUpdate(Filters.eq("_id", key),
                Updates.combine(Updates.inc("n", 1L), Updates.setOnInsert("until", Date.from(start.plus(length)))), COUNT_UP));
        // Two replicas that insert one window at once: the second's upsert fails on the key, and counts up the first's.
        return counted.onErrorResume(MongoException.class, raced -> counted)
                .map(document -> ((Number) document.get("n")).longValue());
    }

    Mono<Void> pruneEnded(Instant now) {
        return Mono.from(windows.deleteMany(Filters.lte("until", Date.from(now)))).then();
    }

    @Override
    public void start() {
        pruning.start();
    }

    @Override
    public void stop() {
        pruning.stop();
    }

    @Override
    public boolean isRunning() {
        return pruning.isRunning();
    }
}
