package dev.almanac.query.changerequest;

import java.util.List;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;

/** {@link RuleChangeRequests} as its document in {@code rule_change_requests}: the rule's id, and its open change requests' documents. */
public final class RuleChangeRequestsCodec implements DocumentCodec<RuleChangeRequests> {

    private final ChangeRequestCodec requests = new ChangeRequestCodec();

    @Override
    public String id(RuleChangeRequests rule) {
        return rule.ruleId();
    }

    @Override
    public Document encode(RuleChangeRequests rule) {
        return new Document("_id", rule.ruleId()).append("open", rule.open().stream().map(requests::encode).toList());
    }

    @Override
    public RuleChangeRequests decode(Document document) {
        List<Document> open = document.getList("open", Document.class, List.of());
        return new RuleChangeRequests(document.getString("_id"), open.stream().map(requests::decode).toList());
    }
}
