package dev.almanac.query.support;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Blocking reads of read-model documents, for assertions. */
public final class Mongo {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Mongo() {
    }

    public static Document document(MongoDatabase database, String collection, String id) {
        return Mono.from(database.getCollection(collection).find(Filters.eq("_id", id)).first()).block(TIMEOUT);
    }

    public static List<Document> all(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).find()).collectList().block(TIMEOUT);
    }
}
