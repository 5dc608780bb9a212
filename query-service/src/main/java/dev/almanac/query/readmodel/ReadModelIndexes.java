package dev.almanac.query.readmodel;

import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates every read model's indexes at startup. Creating an index that exists is a no-op, so
 * every replica may do it. mongo-java-server accepts non-unique secondary indexes but does not
 * build them (it logs "not yet implemented"); queries stay correct there, only slower.
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

    /** Creates the indexes and returns their names, in the order of the read models. */
    public List<String> ensureAll() {
        List<String> names = Flux.fromIterable(readModels)
                .concatMap(readModel -> Flux.fromIterable(readModel.indexes())
                        .concatMap(keys -> database.getCollection(readModel.collection()).createIndex(keys)))
                .collectList()
                .block(TIMEOUT);
        log.info("Read-model indexes in place: {}", names);
        return names == null ? List.of() : names;
    }
}
