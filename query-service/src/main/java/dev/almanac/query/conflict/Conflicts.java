package dev.almanac.query.conflict;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code conflicts} read model: one document per conflict id, active until cleared. It answers
 * a conflict by id; lists come from the documents derived from it ({@link ConflictLists}).
 */
@Component
public class Conflicts implements ReadModel {

    public static final String COLLECTION = "conflicts";
    public static final EntityKind<ConflictView> KIND = new EntityKind<>(COLLECTION, new ConflictCodec());

    private final MongoCollection<Document> collection;

    public Conflicts(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    public Mono<ConflictView> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode);
    }
}
