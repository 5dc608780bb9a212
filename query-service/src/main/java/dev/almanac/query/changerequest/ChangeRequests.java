package dev.almanac.query.changerequest;

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
 * The change request read models: {@code change_requests}, one document per change request by its id,
 * and {@code rule_change_requests}, one per rule holding copies of its open ones. Both are read by
 * {@code _id} only.
 */
@Component
public class ChangeRequests implements ReadModel {

    public static final String COLLECTION = "change_requests";
    public static final String BY_RULE = "rule_change_requests";
    public static final EntityKind<ChangeRequest> KIND = new EntityKind<>(COLLECTION, new ChangeRequestCodec());

    private static final RuleChangeRequestsCodec BY_RULE_CODEC = new RuleChangeRequestsCodec();

    private final MongoCollection<Document> requests;
    private final MongoCollection<Document> byRule;

    public ChangeRequests(MongoDatabase database) {
        this.requests = database.getCollection(COLLECTION);
        this.byRule = database.getCollection(BY_RULE);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, BY_RULE);
    }

    public Mono<ChangeRequest> find(String id) {
        return Mono.from(requests.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode);
    }

    /** The rule's change requests that were open when last written; the caller checks expiry and the rule's version. */
    public Mono<RuleChangeRequests> ofRule(String ruleId) {
        return Mono.from(byRule.find(Filters.eq("_id", ruleId)).first()).map(BY_RULE_CODEC::decode)
                .defaultIfEmpty(RuleChangeRequests.emptyOf(ruleId));
    }

    static RuleChangeRequestsCodec byRuleCodec() {
        return BY_RULE_CODEC;
    }

    /** What the consistency gate reads of a change request: the version this read model holds. */
    @Bean
    public ConsistencySource changeRequestVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.CHANGE_REQUEST, id -> find(id).map(ChangeRequest::version));
    }
}
