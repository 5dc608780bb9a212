package dev.almanac.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.almanac.query.readmodel.PeriodicWork;
import dev.almanac.query.readmodel.ReadModelIndexes;

/**
 * Notices a read-model store emptied under the running service (the local stack's in-memory MongoDB restarted, a database
 * dropped or restored) and rebuilds it from the topics without a restart (ADR 0014). The listeners rewind only on an
 * assignment, and a batch written into the new store raises {@code projected_offsets} there, which would then hide what
 * the store lacks; so the store carries a mark of its own, a random epoch in {@code projected_offsets}, read every
 * {@code almanac.query.store-check-interval}. When it is gone or another, every listener is stopped, the store's offsets
 * are forgotten and its indexes made again, readiness goes out of service ({@link ReadModelCatchUp}), and the listeners
 * start again: on their assignment each partition is read from 0, and the version guards make what the store still had
 * a no-op. Another replica that sees the new epoch does the same, so its partitions are rebuilt too.
 */
@Component
class EmptiedStoreWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmptiedStoreWatch.class);
    /** The mark's key, among the partitions' ({@code topic/partition}), which it can never be. */
    static final String MARK = "store-epoch";
    private static final String EPOCH = "epoch";
    private static final FindOneAndUpdateOptions CREATE_IF_ABSENT =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> offsets;
    private final KafkaListenerEndpointRegistry listeners;
    private final ReadModelCatchUp catchUp;
    private final ReadModelIndexes indexes;
    private final Duration timeout;
    private final PeriodicWork watch;
    private volatile @Nullable String epoch;

    EmptiedStoreWatch(MongoDatabase database, KafkaListenerEndpointRegistry listeners, ReadModelCatchUp catchUp,
                      ReadModelIndexes indexes, @Value("${almanac.query.store-check-interval:2s}") Duration interval,
                      @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.offsets = database.getCollection(ProjectedOffsets.COLLECTION);
        this.listeners = listeners;
        this.catchUp = catchUp;
        this.indexes = indexes;
        this.timeout = timeout;
        this.watch = new PeriodicWork("Read-model store not checked for emptying", interval, interval, this::check, log);
    }

    /**
     * The store's epoch as it is now, made if the store has none. Two replicas that make one at once: the second's upsert
     * fails on the key, and the second try reads the first's.
     */
    private Mono<String> currentEpoch() {
        Mono<Document> marked = Mono.from(offsets.findOneAndUpdate(Filters.eq("_id", MARK),
                Updates.combine(Updates.setOnInsert(EPOCH, UUID.randomUUID().toString()),
                        Updates.setOnInsert("marked_at", Instant.now().toString())), CREATE_IF_ABSENT));
        return marked.onErrorResume(MongoException.class, raced -> marked)
                .map(document -> document.getString(EPOCH));
    }

    Mono<Void> check() {
        return currentEpoch().flatMap(now -> {
            String known = epoch;
            if (known == null) {
                // The first look: the listeners' assignment compares the store with the committed offsets themselves.
                epoch = now;
                return Mono.empty();
            }
            if (known.equals(now)) {
                return Mono.empty();
            }
            return Mono.fromRunnable(() -> rebuild(now)).subscribeOn(Schedulers.boundedElastic());
        }).then();
    }

    /** Stops every listener, forgets what the store says it holds, and starts them again to read their partitions from 0. */
    private synchronized void rebuild(String newEpoch) {
        log.warn("The read-model store was emptied or replaced (its epoch is now {}, was {}): rebuilding the read models "
                + "from the topics; not ready until they are whole again", newEpoch, epoch);
        catchUp.storeReplaced();
        List<MessageListenerContainer> running = listeners.getListenerContainers().stream()
                .filter(MessageListenerContainer::isRunning).toList();
        // After the stop no batch is in flight, so none raises an offset after they are forgotten.
        running.forEach(MessageListenerContainer::stop);
        Mono.from(offsets.deleteMany(Filters.ne("_id", MARK))).block(timeout);
        indexes.ensureAll();
        epoch = newEpoch;
        running.forEach(MessageListenerContainer::start);
        log.info("Listeners {} started again over the emptied store",
                running.stream().map(MessageListenerContainer::getListenerId).toList());
    }

    @Override
    public void start() {
        watch.start();
    }

    @Override
    public void stop() {
        watch.stop();
    }

    @Override
    public boolean isRunning() {
        return watch.isRunning();
    }
}
