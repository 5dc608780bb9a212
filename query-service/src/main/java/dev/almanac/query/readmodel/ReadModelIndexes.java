package dev.almanac.query.readmodel;

import java.time.Duration;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates the unique {@code lock} index of every read model at startup. Creating an index that
 * exists is a no-op, so every replica may do it. Both mongo-java-server and MongoDB answer an
 * equality filter on a single-field unique index from the index, which is what makes the
 * compare-and-set writes key lookups. No other secondary index exists: every read is by
 * {@code _id}.
 */
@Component
public class ReadModelIndexes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MongoDatabase database;
    private final List<ReadModel> readModels;

    public ReadModelIndexes(MongoDatabase database, List<ReadModel> readModels) {
        this.database = database;
        this.readModels = readModels;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAll();
    }

    /** Creates the indexes and returns their names as {@code collection.index}, in the order of the read models. */
    public List<String> ensureAll() {
        List<String> names = Flux.fromIterable(readModels)
                .concatMapIterable(ReadModel::collections)
                .concatMap(collection -> Flux.from(database.getCollection(collection)
                                .createIndex(Indexes.ascending(Locks.FIELD), new IndexOptions().unique(true)))
                        .map(index -> collection + "." + index)
                        .onErrorMap(MongoException.class, failure -> new IllegalStateException("cannot create the unique lock index of "
                                + collection + ": its documents predate the current read-model shapes (ADR 0010). Drop the database "
                                + database.getName() + " and reset the consumer group's offsets to the earliest, and the service "
                                + "rebuilds the read models from the topics", failure)))
                .collectList()
                .block(TIMEOUT);
        log.info("Read-model indexes in place: {}", names);
        return names == null ? List.of() : names;
    }
}
