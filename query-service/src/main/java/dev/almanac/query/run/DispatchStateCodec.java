package dev.almanac.query.run;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import org.bson.Document;

import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link DispatchState} as its document in {@code entry_dispatches}, by occurrence id. */
final class DispatchStateCodec implements DocumentCodec<DispatchState> {

    @Override
    public String id(DispatchState dispatch) {
        return dispatch.id();
    }

    @Override
    public Document encode(DispatchState dispatch) {
        Document document = new Document("_id", dispatch.id())
                .append("calendar_id", dispatch.calendarId())
                .append("decision", wire(dispatch.decision()))
                .append("attempt", dispatch.attempt());
        putIfPresent(document, "trigger", dispatch.trigger() == null ? null : wire(dispatch.trigger()));
        putIfPresent(document, "due_at", dispatch.dueAt());
        putIfPresent(document, "dispatched_at", dispatch.dispatchedAt());
        putIfPresent(document, "timeout_at", dispatch.timeoutAt());
        putIfPresent(document, "reason", dispatch.reason() == null ? null : wire(dispatch.reason()));
        putIfPresent(document, "in_flight", dispatch.inFlight());
        putIfPresent(document, "next_attempt", dispatch.nextAttempt());
        putIfPresent(document, "retry_at", dispatch.retryAt());
        putIfPresent(document, "last_outcome", dispatch.lastOutcome() == null ? null : wire(dispatch.lastOutcome()));
        return document.append("decided_at", date(dispatch.decidedAt())).append(Versioned.FIELD, dispatch.version());
    }

    @Override
    public DispatchState decode(Document document) {
        return new DispatchState(document.getString("_id"), document.getString("calendar_id"),
                fromWire(DispatchDecision.class, document.getString("decision")), document.getInteger("attempt", 1),
                fromWireOrNull(DispatchTrigger.class, document.getString("trigger")), instantOrNull(document, "due_at"),
                instantOrNull(document, "dispatched_at"), instantOrNull(document, "timeout_at"),
                fromWireOrNull(SkipReason.class, document.getString("reason")), document.getInteger("in_flight"),
                document.getInteger("next_attempt"), instantOrNull(document, "retry_at"),
                fromWireOrNull(AttemptOutcome.class, document.getString("last_outcome")), instant(document, "decided_at"),
                longValue(document, Versioned.FIELD));
    }
}
