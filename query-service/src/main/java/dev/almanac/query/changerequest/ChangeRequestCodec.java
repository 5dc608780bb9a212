package dev.almanac.query.changerequest;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/**
 * {@link ChangeRequest} as its document in {@code change_requests}. The proposal is kept as the
 * event's own JSON (the shared-events schema describes it), embedded as a sub-document: it is shown,
 * never queried, and one shape for event and read model cannot drift.
 */
public final class ChangeRequestCodec implements DocumentCodec<ChangeRequest> {

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    @Override
    public String id(ChangeRequest request) {
        return request.id();
    }

    @Override
    public Document encode(ChangeRequest request) {
        Document document = new Document("_id", request.id()).append("rule_id", request.ruleId());
        if (request.proposal() != null) {
            document.append("proposal", Document.parse(JSON.writeValueAsString(request.proposal())));
        }
        putIfPresent(document, "proposed_by", request.proposedBy());
        document.append("status", wire(request.status()));
        putIfPresent(document, "decided_at", request.decidedAt());
        putIfPresent(document, "decided_by", request.decidedBy());
        putIfPresent(document, "applied_rule_version", request.appliedRuleVersion());
        putIfPresent(document, "rejection_reason", request.rejectionReason());
        return document.append(Versioned.FIELD, request.version());
    }

    @Override
    public ChangeRequest decode(Document document) {
        Document proposal = document.get("proposal", Document.class);
        Number applied = document.get("applied_rule_version", Number.class);
        return new ChangeRequest(document.getString("_id"), document.getString("rule_id"),
                proposal == null ? null : JSON.readValue(proposal.toJson(), RuleChangeProposed.class),
                document.getString("proposed_by"), fromWire(ChangeRequest.Status.class, document.getString("status")),
                instantOrNull(document, "decided_at"), document.getString("decided_by"), applied == null ? null : applied.longValue(),
                document.getString("rejection_reason"), longValue(document, Versioned.FIELD));
    }
}
