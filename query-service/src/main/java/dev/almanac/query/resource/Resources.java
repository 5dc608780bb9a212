package dev.almanac.query.resource;

import java.util.Collection;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.consistency.ConsistencySource;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code resources} read model: one document per resource, keyed by resource id. */
@Component
public class Resources implements ReadModel {

    public static final String COLLECTION = "resources";
    public static final EntityKind<ResourceView> KIND = new EntityKind<>(COLLECTION, new ResourceCodec());

    private final MongoCollection<Document> collection;

    public Resources(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** One resource, by a lookup of its {@code _id}. */
    public Mono<ResourceView> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode);
    }

    /** One resource, by a lookup of its {@code _id}, or a 404 problem naming the id when no resource has it. */
    public Mono<ResourceView> require(String id) {
        return find(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("id", "no resource has the id '" + id + "'")));
    }

    /** The resources with these ids that exist, in no particular order, by lookups of their {@code _id}. */
    public Flux<ResourceView> findAll(Collection<String> ids) {
        return KeyLookups.byIds(collection, ids, null).map(KIND.codec()::decode);
    }

    /** What the consistency gate reads of a resource: the version this read model holds. */
    @Bean
    public ConsistencySource resourceVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.RESOURCE, id -> find(id).map(ResourceView::version));
    }
}
