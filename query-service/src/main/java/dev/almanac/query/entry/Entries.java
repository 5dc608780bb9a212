package dev.almanac.query.entry;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.consistency.ConsistencySource;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code entries} read model: one document per one-off item and per materialised occurrence,
 * keyed by its id, holding everything its events said. It is the state that versions are checked
 * against and that reschedules start from, and it answers an entry by id; pages of a calendar's
 * entries use the day documents derived from it ({@link CalendarDays}).
 */
@Component
public class Entries implements ReadModel {

    public static final String COLLECTION = "entries";
    public static final EntityKind<Entry> KIND = new EntityKind<>(COLLECTION, new EntryCodec());

    private final MongoCollection<Document> collection;

    public Entries(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** One item or occurrence, by a lookup of its {@code _id}. */
    public Mono<Entry> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode);
    }

    /** What the consistency gate reads of an item: the version this read model holds. */
    @Bean
    public ConsistencySource itemVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.ITEM, id -> find(id).map(Entry::version));
    }
}
