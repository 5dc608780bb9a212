package dev.almanac.query.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.PeriodicWork;

/**
 * Each caller's open live streams across every replica of query-service, as leases in the read models' store (ADR 0093):
 * one document per caller, {@code {_id: caller, leases: {<lease>: expires}, until: latest expiry}}, read and written by
 * its key alone. A replica renews the leases of the streams it holds every {@link #RENEW_EVERY}; a replica that dies
 * stops renewing, and its streams stop counting {@link #LEASE} later at the most.
 * <p>
 * A stream is taken by adding its lease first and counting after: the update answers the caller's document as it left
 * it, so of two replicas that add the last place at once the later sees both and gives its own back. Nothing is ever
 * over the cap; at worst, in such a race, both give back and the caller retries.
 */
@Component
public class StreamLeases implements SmartLifecycle {

    static final String COLLECTION = "live_stream_leases";
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration RENEW_EVERY = Duration.ofSeconds(20);
    /** What a stream holds when the store did not answer and only this replica counted it. */
    static final String NOT_LEASED = "";
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final String LEASES = "leases";
    private static final String UNTIL = "until";
    private static final FindOneAndUpdateOptions ADD = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    private static final Logger log = LoggerFactory.getLogger(StreamLeases.class);

    private final MongoCollection<Document> callers;
    private final Clock clock;
    /** The leases of the streams this replica holds open, and whose they are. */
    private final ConcurrentMap<String, String> held = new ConcurrentHashMap<>();
    private final PeriodicWork renewing;
    private final PeriodicWork pruning;

    @Autowired
    StreamLeases(MongoDatabase database, ObjectProvider<Clock> clock) {
        this(database, clock.getIfAvailable(Clock::systemUTC));
    }

    StreamLeases(MongoDatabase database, Clock clock) {
        this.callers = database.getCollection(COLLECTION);
        this.clock = clock;
        this.renewing = new PeriodicWork("Live streams' leases not renewed", RENEW_EVERY, RENEW_EVERY, this::renew, log);
        this.pruning = new PeriodicWork("Ended live-stream leases not deleted", PRUNE_EVERY, PRUNE_EVERY, this::pruneEnded, log);
    }

    /**
     * A lease for one more live stream of {@code caller}, if fewer than {@code cap} of theirs are open on every replica
     * together; empty if not. The lease is renewed until {@link #release}d.
     */
    Mono<Optional<String>> take(String caller, int cap) {
        // A letter first: a key of digits alone could be read as an array's index.
        String lease = "s" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        Date expires = Date.from(now.plus(LEASE));
        Mono<Document> adding = Mono.from(callers.findOneAndUpdate(Filters.eq("_id", caller),
                Updates.combine(Updates.set(LEASES + "." + lease, expires), Updates.max(UNTIL, expires)), ADD));
        // Two replicas that insert a caller's document at once: the second's upsert fails on the key, and adds to the first's.
        return adding.onErrorResume(MongoException.class, raced -> adding).flatMap(document -> {
            Map<String, Date> leases = leasesOf(document);
            List<String> ended = leases.entrySet().stream().filter(entry -> !entry.getValue().toInstant().isAfter(now))
                    .map(Map.Entry::getKey).toList();
            Mono<Void> tidied = ended.isEmpty() ? Mono.empty() : unset(caller, ended).onErrorResume(failure -> Mono.empty());
            if (leases.size() - ended.size() <= cap) {
                held.put(lease, caller);
                return tidied.thenReturn(Optional.of(lease));
            }
            return tidied.then(unset(caller, List.of(lease))).thenReturn(Optional.<String>empty());
        });
    }

    /** Gives back a stream's lease; one that is not given back (the store did not answer) ends by itself. */
    Mono<Void> release(String lease) {
        String caller = held.remove(lease);
        if (caller == null) {
            return Mono.empty();
        }
        return unset(caller, List.of(lease));
    }

    /** How many of {@code caller}'s leases have not ended, on every replica. */
    Mono<Integer> liveOf(String caller) {
        Instant now = clock.instant();
        return Mono.from(callers.find(Filters.eq("_id", caller)).first())
                .map(document -> (int) leasesOf(document).values().stream().filter(expires -> expires.toInstant().isAfter(now)).count())
                .defaultIfEmpty(0);
    }

    /** How many leases this replica holds. */
    int held() {
        return held.size();
    }

    /** Extends every lease this replica holds: one update per caller. */
    Mono<Void> renew() {
        Date expires = Date.from(clock.instant().plus(LEASE));
        Map<String, List<String>> byCaller = held.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return Flux.fromIterable(byCaller.entrySet()).concatMap(callersLeases -> {
            List<Bson> updates = new ArrayList<>();
            callersLeases.getValue().forEach(lease -> updates.add(Updates.set(LEASES + "." + lease, expires)));
            updates.add(Updates.max(UNTIL, expires));
            return Mono.from(callers.updateOne(Filters.eq("_id", callersLeases.getKey()), Updates.combine(updates), new UpdateOptions().upsert(true)))
                    // A stream that closed while its lease was renewed must not be brought back by the renewal.
                    .then(Mono.defer(() -> {
                        List<String> closed = callersLeases.getValue().stream().filter(lease -> !held.containsKey(lease)).toList();
                        return closed.isEmpty() ? Mono.<Void>empty() : unset(callersLeases.getKey(), closed);
                    }));
        }).then();
    }

    /** Deletes the documents of callers whose every lease has ended; off the request path, it walks the collection. */
    Mono<Void> pruneEnded() {
        return Mono.from(callers.deleteMany(Filters.lte(UNTIL, Date.from(clock.instant())))).then();
    }

    private Mono<Void> unset(String caller, List<String> leases) {
        List<Bson> updates = leases.stream().map(lease -> Updates.unset(LEASES + "." + lease)).toList();
        return Mono.from(callers.updateOne(Filters.eq("_id", caller), Updates.combine(updates))).then();
    }

    private static Map<String, Date> leasesOf(Document document) {
        Document leases = document.get(LEASES, Document.class);
        if (leases == null) {
            return Map.of();
        }
        return leases.entrySet().stream().filter(entry -> entry.getValue() instanceof Date)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> (Date) entry.getValue()));
    }

    @Override
    public void start() {
        renewing.start();
        pruning.start();
    }

    @Override
    public void stop() {
        renewing.stop();
        pruning.stop();
        try {
            Flux.fromIterable(List.copyOf(held.keySet())).flatMap(this::release).then().block(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            log.debug("Live streams' leases left to end by themselves: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return renewing.isRunning();
    }
}
