package dev.almanac.query.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.PeriodicWork;

/**
 * Fixed-window counters in the read models' store, which every replica of query-service shares: one document per
 * caller, family and window, counted up by its key alone (an upsert on {@code _id}, which the store answers by its index),
 * so a caller's budget holds however many replicas answer it. A replica takes a caller's reads from the store a block at
 * a time (a hundredth of the budget, at most 64, at least 1) and numbers the block's reads itself, so a busy caller costs
 * the store one key operation per block rather than per read. Every read is numbered once across replicas, so no more
 * than the budget is ever let through; the numbers a replica holds unused when the window ends are lost, so a caller
 * answered by several replicas may be refused up to a block a replica early (ADR 0092). Windows that have ended are
 * deleted every ten minutes, by a filter on {@code until} that walks the collection: off the request path, over one
 * document per recent caller and family.
 */
@Component
public class ReadCounters implements SmartLifecycle {

    static final String COLLECTION = "read_limit_windows";
    private static final Logger log = LoggerFactory.getLogger(ReadCounters.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final FindOneAndUpdateOptions COUNT_UP = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    private static final int LARGEST_BLOCK = 64;

    private final MongoCollection<Document> windows;
    /** The read numbers this replica holds for each caller, family and window. */
    private final ConcurrentMap<String, Numbers> blocks = new ConcurrentHashMap<>();
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

    /**
     * Numbers one read of {@code caller} in {@code family}'s window that starts at {@code start}: its place among every
     * replica's reads of that window, which is within a budget of {@code quota} when it is {@code quota} or less.
     */
    Mono<Long> countOne(ReadFamily family, String caller, Instant start, Duration length, int quota) {
        String key = family.policyName() + "|" + start.getEpochSecond() + "|" + caller;
        Instant until = start.plus(length);
        int size = blockSize(quota);
        if (size == 1) {
            // A block of one is the read's own upsert: waiting on another read's would only queue them.
            return take(key, 1, until);
        }
        return blocks.computeIfAbsent(key, ignored -> new Numbers(size, until, () -> take(key, size, until))).number();
    }

    /** Takes {@code size} numbers of a window from the store; the last of them. */
    private Mono<Long> take(String key, int size, Instant until) {
        Mono<Document> counted = Mono.from(windows.findOneAndUpdate(Filters.eq("_id", key),
                Updates.combine(Updates.inc("n", (long) size), Updates.setOnInsert("until", Date.from(until))), COUNT_UP));
        // Two replicas that insert one window at once: the second's upsert fails on the key, and counts up the first's.
        return counted.onErrorResume(MongoException.class, raced -> counted)
                .map(document -> ((Number) document.get("n")).longValue());
    }

    /** A hundredth of the budget, so that the numbers a replica holds unused stay a small share of it. */
    static int blockSize(int quota) {
        return Math.max(1, Math.min(LARGEST_BLOCK, quota / 100));
    }

    Mono<Void> pruneEnded(Instant now) {
        blocks.values().removeIf(numbers -> !numbers.until().isAfter(now));
        return Mono.from(windows.deleteMany(Filters.lte("until", Date.from(now)))).then();
    }

    /** The numbers of one window that this replica took from the store and has not given to a read yet. */
    private static final class Numbers {

        private final int size;
        private final Instant until;
        /** Takes a block from the store; answers its last number. */
        private final Supplier<Mono<Long>> take;
        private long next = 1;
        private long last;
        private @Nullable Mono<Void> refilling;

        Numbers(int size, Instant until, Supplier<Mono<Long>> take) {
            this.size = size;
            this.until = until;
            this.take = take;
        }

        Instant until() {
            return until;
        }

        /** The next number held, or, when none is, one of the next block: one block asked of the store at a time. */
        Mono<Long> number() {
            return Mono.defer(() -> {
                long number = next();
                return number > 0 ? Mono.just(number) : refill().then(number());
            });
        }

        /** The next number, or 0 when none is held. */
        private synchronized long next() {
            return next <= last ? next++ : 0;
        }

        /** The block being taken, or a new one. */
        private synchronized Mono<Void> refill() {
            if (refilling == null) {
                // Cleared before the waiting reads hear of it, so that one finding the block used up takes the next.
                refilling = Mono.defer(take)
                        .doOnNext(this::received)
                        .doOnTerminate(this::taken)
                        // Should the cache give up its source, the next read asks afresh rather than waiting on it.
                        .doOnCancel(this::taken)
                        .then()
                        .cache();
            }
            return refilling;
        }

        private synchronized void received(long lastOfBlock) {
            next = lastOfBlock - size + 1;
            last = lastOfBlock;
        }

        private synchronized void taken() {
            refilling = null;
        }
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
