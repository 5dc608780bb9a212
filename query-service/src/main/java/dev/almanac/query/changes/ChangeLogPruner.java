package dev.almanac.query.changes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.PeriodicWork;

/**
 * Drops the change log's blocks that no sync token can still need: a token lives {@code almanac.query.changes.token-ttl}
 * (7 days), so a block last written before that is behind every token still valid. Each partition's blocks are walked from
 * its origin by key and dropped while old enough, never its newest; the origin then rises, and a token that reaches back
 * further answers 410 {@code expired}. Runs every {@code almanac.query.changes.prune-interval} (an hour).
 */
@Component
public class ChangeLogPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogPruner.class);

    private final MongoCollection<Document> blocks;
    private final MongoCollection<Document> heads;
    private final Duration retention;
    private final Duration timeout;
    private final Clock clock;
    private final PeriodicWork pruning;

    @Autowired
    public ChangeLogPruner(MongoDatabase database, @Value("${almanac.query.changes.token-ttl:7d}") Duration retention,
                           @Value("${almanac.query.changes.prune-interval:PT1H}") Duration interval,
                           @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this(database, retention, interval, timeout, Clock.systemUTC());
    }

    ChangeLogPruner(MongoDatabase database, Duration retention, Duration interval, Duration timeout, Clock clock) {
        this.blocks = database.getCollection(ChangeLog.LOG);
        this.heads = database.getCollection(ChangeLog.HEADS);
        this.retention = retention;
        this.pruning = new PeriodicWork("Change log not pruned", interval, interval, () -> Mono.fromCallable(this::prune), log);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Drops every block last written before the retention; returns how many. */
    public long prune() {
        Instant cutoff = clock.instant().minus(retention);
        List<Document> partitions = Flux.from(heads.find()).collectList().block(timeout);
        long dropped = 0;
        for (Document head : partitions == null ? List.<Document>of() : partitions) {
            dropped += prune(head.getString("_id"), number(head, "origin"), number(head, "through"), cutoff);
        }
        if (dropped > 0) {
            log.info("Change log: dropped {} blocks last written before {}", dropped, cutoff);
        }
        return dropped;
    }

    private long prune(String partition, long origin, long through, Instant cutoff) {
        long dropped = 0;
        long newest = through / ChangeLog.BLOCK;
        long number = origin / ChangeLog.BLOCK;
        for (; number < newest; number++) {
            String id = ChangeLog.blockId(partition, number * ChangeLog.BLOCK);
            Document block = Mono.from(blocks.find(Filters.eq("_id", id)).projection(new Document(ChangeLog.WRITTEN, 1)).first())
                    .block(timeout);
            if (block != null) {
                Date written = block.getDate(ChangeLog.WRITTEN);
                if (written == null || !written.toInstant().isBefore(cutoff)) {
                    break;
                }
                Mono.from(blocks.deleteOne(Filters.eq("_id", id))).block(timeout);
                dropped++;
            }
        }
        if (number * ChangeLog.BLOCK > origin) {
            Mono.from(heads.updateOne(Filters.eq("_id", partition), Updates.max("origin", number * ChangeLog.BLOCK),
                    new UpdateOptions().upsert(false))).block(timeout);
        }
        return dropped;
    }

    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
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
