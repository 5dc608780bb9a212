package dev.almanac.query.run;

import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link MissedRun} as its document in {@code missed_runs}, by occurrence id. */
final class MissedRunCodec implements DocumentCodec<MissedRun> {

    @Override
    public String id(MissedRun missed) {
        return missed.id();
    }

    @Override
    public Document encode(MissedRun missed) {
        Document document = new Document("_id", missed.id()).append("rule_id", missed.ruleId());
        putIfPresent(document, "calendar_id", missed.calendarId());
        putIfPresent(document, "start", missed.start());
        putIfPresent(document, "detected_at", missed.detectedAt());
        putIfPresent(document, "catch_up_run", missed.catchUpRun());
        putIfPresent(document, "decision", missed.decision());
        putIfPresent(document, "decided_at", missed.decidedAt());
        putIfPresent(document, "decided_by", missed.decidedBy());
        putIfPresent(document, "new_start", missed.newStart());
        putIfPresent(document, "backfill_run", missed.backfillRun());
        putIfPresent(document, "reason", missed.reason());
        return document.append(Versioned.FIELD, missed.version());
    }

    @Override
    public MissedRun decode(Document document) {
        return new MissedRun(document.getString("_id"), document.getString("rule_id"), document.getString("calendar_id"),
                instantOrNull(document, "start"), instantOrNull(document, "detected_at"), document.getString("catch_up_run"),
                document.getString("decision"), instantOrNull(document, "decided_at"), document.getString("decided_by"),
                instantOrNull(document, "new_start"), document.getString("backfill_run"), document.getString("reason"),
                longValue(document, Versioned.FIELD));
    }
}
