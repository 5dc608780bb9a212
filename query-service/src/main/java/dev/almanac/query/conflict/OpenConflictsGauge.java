package dev.almanac.query.conflict;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.query.readmodel.MongoValues;
import dev.almanac.query.readmodel.PeriodicWork;

/**
 * {@value #GAUGE}: the conflicts open now (detected or escalated), by level, counted in the read model every
 * {@code almanac.query.open-conflicts-interval} (1 minute). Replicas that share one store each report the same count:
 * a dashboard takes their maximum, not their sum.
 */
@Component
class OpenConflictsGauge implements SmartLifecycle {

    static final String GAUGE = "almanac.conflicts.open";

    private static final Logger log = LoggerFactory.getLogger(OpenConflictsGauge.class);
    private static final List<String> OPEN = List.of(MongoValues.wire(ConflictStatus.DETECTED), MongoValues.wire(ConflictStatus.ESCALATED));

    private final MongoCollection<Document> conflicts;
    private final Map<ConflictLevel, AtomicLong> open = new EnumMap<>(ConflictLevel.class);
    private final PeriodicWork counting;

    OpenConflictsGauge(MongoDatabase database, MeterRegistry registry,
                       @Value("${almanac.query.open-conflicts-interval:PT1M}") Duration interval) {
        this.conflicts = database.getCollection(Conflicts.COLLECTION);
        this.counting = new PeriodicWork("Open conflicts not counted", Duration.ZERO, interval, this::count, log);
        for (ConflictLevel level : ConflictLevel.values()) {
            AtomicLong count = new AtomicLong();
            open.put(level, count);
            Gauge.builder(GAUGE, count, AtomicLong::get).tag("level", MongoValues.wire(level))
                    .description("Conflicts detected or escalated and not yet cleared, resolved or dismissed").register(registry);
        }
    }

    /** Counts the open conflicts by level once; what the gauges read until the next count. */
    Mono<Map<ConflictLevel, Long>> count() {
        return Flux.from(conflicts.find(Filters.in(ConflictCodec.STATUS, OPEN)).projection(Projections.include(ConflictCodec.LEVEL)))
                .collectList()
                .map(documents -> {
                    Map<ConflictLevel, Long> counted = new EnumMap<>(ConflictLevel.class);
                    for (ConflictLevel level : ConflictLevel.values()) {
                        counted.put(level, 0L);
                    }
                    for (Document document : documents) {
                        String level = document.getString(ConflictCodec.LEVEL);
                        for (ConflictLevel candidate : ConflictLevel.values()) {
                            if (MongoValues.wire(candidate).equals(level)) {
                                counted.merge(candidate, 1L, Long::sum);
                            }
                        }
                    }
                    counted.forEach((level, count) -> open.get(level).set(count));
                    return counted;
                });
    }

    @Override
    public void start() {
        counting.start();
    }

    @Override
    public void stop() {
        counting.stop();
    }

    @Override
    public boolean isRunning() {
        return counting.isRunning();
    }
}
