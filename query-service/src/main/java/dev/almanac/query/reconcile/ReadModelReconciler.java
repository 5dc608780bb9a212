package dev.almanac.query.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.ProjectedOffsets;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Versioned;

/**
 * Compares each entity read model with the event history (ADR 0087). The topics the projection reads are read from their
 * beginning to their end at the start of the run, by a consumer of its own that joins no group and commits nothing; each
 * record is decided by the projection's own projectors, which gives, per entity, the version of the last event that changes
 * it. The store's documents are read first, a page of {@code _id} and {@code version} at a time in {@code _id} order, so
 * that every document read was written by a record before the topics' end. Once the projection holds every record read
 * ({@code projected_offsets}, waited for up to {@code catch-up-wait}), the entities that looked missing or behind are read
 * again by key, and what still disagrees is drift. All of it runs off the request path, on the caller's thread.
 */
@Component
public class ReadModelReconciler {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReconciler.class);
    static final int LISTED_PER_MODEL = 100;
    private static final int PAGE = 1000;
    private static final int IDS_PER_FIND = 100;
    private static final Duration POLL = Duration.ofMillis(500);

    private final MongoDatabase database;
    private final EventCodec codec;
    private final dev.almanac.query.projection.Projections projections;
    private final ProjectedOffsets offsets;
    private final Map<String, Object> consumerConfig;
    private final List<String> models;
    private final Duration catchUpWait;
    private final Duration readDeadline;
    private final Duration storeTimeout;
    private final Clock clock;
    private final Map<String, AtomicLong> driftByModel = new ConcurrentHashMap<>();
    private final AtomicLong lastCompleted = new AtomicLong();
    private final Timer runs;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile @Nullable ReconcileReport lastReport;
    private volatile Map<String, List<Drift>> lastDrifts = Map.of();

    ReadModelReconciler(MongoDatabase database, EventCodec codec, dev.almanac.query.projection.Projections projections,
                        ConsumerFactory<?, ?> consumers, MeterRegistry meters,
                        @Value("${almanac.query.reconcile.models:calendars,entries,rules,resources,conflicts,change_requests}") List<String> models,
                        @Value("${almanac.query.reconcile.catch-up-wait:PT1M}") Duration catchUpWait,
                        @Value("${almanac.query.reconcile.read-deadline:PT30M}") Duration readDeadline,
                        @Value("${almanac.query.projection-write-timeout:30s}") Duration storeTimeout) {
        this.database = database;
        this.codec = codec;
        this.projections = projections;
        this.offsets = new ProjectedOffsets(database, storeTimeout);
        this.consumerConfig = readerConfig(consumers.getConfigurationProperties());
        List<String> known = dev.almanac.query.projection.Projections.entityCollections();
        models.stream().filter(model -> !known.contains(model)).findAny().ifPresent(model -> {
            throw new IllegalArgumentException("almanac.query.reconcile.models: " + model + " is not an entity read model; known: " + known);
        });
        this.models = List.copyOf(models);
        this.catchUpWait = catchUpWait;
        this.readDeadline = readDeadline;
        this.storeTimeout = storeTimeout;
        this.clock = Clock.systemUTC();
        for (String model : this.models) {
            AtomicLong drift = new AtomicLong();
            driftByModel.put(model, drift);
            Gauge.builder("almanac.read_model.drift", drift, AtomicLong::get)
                    .description("Entities whose read-model document disagrees with the events on the topics (missing, behind, ahead"
                            + " or without events), as the last reconcile found them")
                    .tag("model", model).register(meters);
        }
        Gauge.builder("almanac.read_model.reconcile.last_completed", lastCompleted, AtomicLong::get)
                .description("When the last reconcile of the read models completed, in seconds since the epoch; 0 before the first")
                .baseUnit("seconds").register(meters);
        this.runs = Timer.builder("almanac.read_model.reconcile.duration")
                .description("How long a reconcile of the read models took").register(meters);
    }

    private static Map<String, Object> readerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-service-reconcile");
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return config;
    }

    /** The last run's report; null before the first. */
    public @Nullable ReconcileReport lastReport() {
        return lastReport;
    }

    /** Every drifted entity the last run found, by model: the report lists only the first of each. */
    Map<String, List<Drift>> lastDrifts() {
        return lastDrifts;
    }

    /**
     * Runs one reconcile, sets the drift gauges and keeps the report.
     *
     * @throws IllegalStateException when a reconcile is already running in this process
     */
    public ReconcileReport reconcile() {
        return reconcile(catchUpWait);
    }

    /** {@link #reconcile()}, waiting at most {@code catchUpWait} for the projection to hold what was read. */
    ReconcileReport reconcile(Duration catchUpWait) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a reconcile is already running in this process");
        }
        long started = System.nanoTime();
        try {
            Instant startedAt = clock.instant();
            Map<String, Map<String, Long>> stored = new LinkedHashMap<>();
            for (String model : models) {
                stored.put(model, scan(model));
            }
            History history = readHistory();
            boolean caughtUp = awaitProjection(history.lastRecords, catchUpWait);
            Map<String, ModelReport> reports = new LinkedHashMap<>();
            Map<String, List<Drift>> drifts = new LinkedHashMap<>();
            for (String model : models) {
                List<Drift> drifted = Drift.between(history.expected.getOrDefault(model, Map.of()), stored.get(model), ids -> load(model, ids));
                drifts.put(model, drifted);
                reports.put(model, report(history.expected.getOrDefault(model, Map.of()).size(), stored.get(model).size(), drifted));
                driftByModel.get(model).set(drifted.size());
            }
            long took = System.nanoTime() - started;
            ReconcileReport report = new ReconcileReport(startedAt, TimeUnit.NANOSECONDS.toMillis(took), history.records,
                    history.undecodable, caughtUp, reports);
            runs.record(took, TimeUnit.NANOSECONDS);
            lastDrifts = drifts;
            lastReport = report;
            lastCompleted.set(clock.instant().getEpochSecond());
            if (report.drift() > 0) {
                log.warn("Read models drift from the events: {}", report);
            } else {
                log.info("Read models agree with the events: {}", report);
            }
            return report;
        } finally {
            running.set(false);
        }
    }

    /** Every document's id and version, a page at a time in {@code _id} order. */
    private Map<String, Long> scan(String model) {
        MongoCollection<Document> collection = database.getCollection(model);
        Map<String, Long> versions = new HashMap<>();
        @Nullable Object last = null;
        while (true) {
            Bson after = last == null ? new Document() : Filters.gt("_id", last);
            List<Document> page = Flux.from(collection.find(after).sort(Sorts.ascending("_id")).limit(PAGE)
                    .projection(Projections.include(Versioned.FIELD))).collectList().block(storeTimeout);
            if (page == null || page.isEmpty()) {
                return versions;
            }
            page.forEach(document -> versions.put(String.valueOf(document.get("_id")), versionOf(document)));
            if (page.size() < PAGE) {
                return versions;
            }
            last = page.get(page.size() - 1).get("_id");
        }
    }

    private static long versionOf(Document document) {
        Object version = document.get(Versioned.FIELD);
        return version instanceof Number number ? number.longValue() : -1;
    }

    /** The entities' versions the topics imply, read from their beginning to the end they had when the read began. */
    private History readHistory() {
        History history = new History();
        long deadline = System.nanoTime() + readDeadline.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : dev.almanac.query.projection.Projections.topics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, storeTimeout);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            Set<TopicPartition> remaining = new java.util.HashSet<>(partitions);
            remaining.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            while (!remaining.isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the topics were not read within " + readDeadline + "; " + remaining.size()
                            + " partitions were left (almanac.query.reconcile.read-deadline)");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        history.take(record, partition);
                    }
                }
                remaining.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
        }
        return history;
    }

    /** Whether the projection came to hold every record read within {@code catch-up-wait}. */
    private boolean awaitProjection(Map<TopicPartition, Long> lastRecords, Duration catchUpWait) {
        long deadline = System.nanoTime() + catchUpWait.toNanos();
        while (true) {
            Map<TopicPartition, Long> held = offsets.through(lastRecords.keySet()).block(storeTimeout);
            boolean caughtUp = lastRecords.entrySet().stream()
                    .allMatch(last -> held != null && held.getOrDefault(last.getKey(), -1L) >= last.getValue());
            if (caughtUp || System.nanoTime() - deadline > 0) {
                return caughtUp;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The versions of these documents as they are now, by key. */
    private Map<String, Long> load(String model, List<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        MongoCollection<Document> collection = database.getCollection(model);
        for (int from = 0; from < ids.size(); from += IDS_PER_FIND) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_FIND));
            Flux.from(collection.find(Filters.in("_id", chunk)).projection(Projections.include(Versioned.FIELD)))
                    .doOnNext(document -> versions.put(String.valueOf(document.get("_id")), versionOf(document)))
                    .then().block(storeTimeout);
        }
        return versions;
    }

    private static ModelReport report(long expected, long stored, List<Drift> drifted) {
        Map<String, Long> byKind = new HashMap<>();
        drifted.forEach(drift -> byKind.merge(drift.kind(), 1L, Long::sum));
        return new ModelReport(expected, stored, byKind.getOrDefault(Drift.MISSING, 0L), byKind.getOrDefault(Drift.BEHIND, 0L),
                byKind.getOrDefault(Drift.AHEAD, 0L), byKind.getOrDefault(Drift.EXTRA, 0L), drifted.size(),
                List.copyOf(drifted.subList(0, Math.min(LISTED_PER_MODEL, drifted.size()))));
    }

    /** What the records say: each entity's last version by model, and the last record read of each partition. */
    private final class History {

        final Map<String, Map<String, Long>> expected = new HashMap<>();
        final Map<TopicPartition, Long> lastRecords = new HashMap<>();
        long records;
        long undecodable;

        void take(ConsumerRecord<String, byte[]> record, TopicPartition partition) {
            records++;
            lastRecords.merge(partition, record.offset(), Math::max);
            DecidedEvent decided;
            try {
                ReceivedEvent received = codec.fromRecord(record);
                decided = projections.decide(received);
            } catch (RuntimeException e) {
                undecodable++;
                return;
            }
            for (EntityChange<?> change : decided.changes()) {
                String model = change.kind().collection();
                if (driftByModel.containsKey(model)) {
                    expected.computeIfAbsent(model, m -> new HashMap<>()).merge(change.id(), change.version(), Math::max);
                }
            }
        }
    }
}
