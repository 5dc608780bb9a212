package dev.almanac.query.occurrence;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.Locks;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code rule_index} read model ({@link RuleIndex}): one document, read whole or only for its revision. */
@Component
public class RuleIndexes implements ReadModel {

    public static final String COLLECTION = "rule_index";

    private static final RuleIndexCodec CODEC = new RuleIndexCodec();

    private final MongoCollection<Document> collection;

    public RuleIndexes(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The index's lock token, or {@link Revised#NONE}'s when there is no index yet. */
    public Mono<String> revision() {
        return Mono.from(collection.find(Filters.eq("_id", RuleIndex.ALL)).projection(Projections.include(Locks.FIELD)).first())
                .map(document -> document.getString(Locks.FIELD))
                .defaultIfEmpty(Revised.NONE.revision());
    }

    /** The whole index with the revision it was read at. */
    public Mono<Revised> find() {
        return Mono.from(collection.find(Filters.eq("_id", RuleIndex.ALL)).first())
                .map(document -> new Revised(CODEC.decode(document), document.getString(Locks.FIELD)))
                .defaultIfEmpty(Revised.NONE);
    }

    /** An index and its lock token. */
    public record Revised(RuleIndex index, String revision) {

        static final Revised NONE = new Revised(RuleIndex.emptyOf(RuleIndex.ALL), "");
    }
}
