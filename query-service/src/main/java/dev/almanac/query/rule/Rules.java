package dev.almanac.query.rule;

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
import dev.almanac.query.consistency.ConsistencySource;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code rules} read model: one document per recurring rule with its full definition (cron,
 * zone, DST policy, job template, options, metadata), so that rule queries and on-the-fly
 * occurrences beyond the horizon need nothing but this collection.
 */
@Component
public class Rules implements ReadModel {

    public static final String COLLECTION = "rules";
    public static final EntityKind<Rule> KIND = new EntityKind<>(COLLECTION, new RuleCodec());

    private final MongoCollection<Document> collection;

    public Rules(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The rules with these ids, in no particular order, by lookups of their {@code _id}. */
    public Flux<Rule> find(Collection<String> ids) {
        return KeyLookups.byIds(collection, ids, null).map(KIND.codec()::decode);
    }

    /** One rule, by a lookup of its {@code _id}. */
    public Mono<Rule> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode);
    }

    /** What the consistency gate reads of a rule: the version this read model holds. */
    @Bean
    public ConsistencySource ruleVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.RULE, id -> find(id).map(Rule::version));
    }
}
