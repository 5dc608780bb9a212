package dev.almanac.query.window;

import java.util.List;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code window_days} read model ({@link WindowDay}): per UTC day, every calendar's slot summary. */
@Component
public class WindowDays implements ReadModel {

    public static final String COLLECTION = "window_days";

    private final MongoCollection<Document> collection;

    public WindowDays(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The window-day documents with these ids, each with only the fields named. */
    Flux<Document> find(List<String> ids, List<String> fields) {
        return KeyLookups.byIds(collection, ids, fields);
    }
}
