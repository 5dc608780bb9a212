package dev.almanac.query.run;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;
import static dev.almanac.query.readmodel.MongoValues.wire;

import org.bson.Document;

import dev.almanac.events.EntryKind;
import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link RunState} as its document in {@code runs} or {@code entry_runs}. */
final class RunStateCodec implements DocumentCodec<RunState> {

    @Override
    public String id(RunState run) {
        return run.id();
    }

    @Override
    public Document encode(RunState run) {
        Document document = new Document("_id", run.id());
        putIfPresent(document, "run_id", run.runId());
        document.append("calendar_id", run.calendarId())
                .append("entry_kind", wire(run.entryKind()))
                .append("entry_id", run.entryId())
                .append("attempt", run.attempt())
                .append("status", run.status());
        if (run.startedAt() != null) {
            document.append("started_at", date(run.startedAt()));
        }
        if (run.finishedAt() != null) {
            document.append("finished_at", date(run.finishedAt()));
        }
        putIfPresent(document, "executor", run.executor());
        putIfPresent(document, "message", run.message());
        return document.append(Versioned.FIELD, run.version());
    }

    @Override
    public RunState decode(Document document) {
        return new RunState(document.getString("_id"), document.getString("run_id"), document.getString("calendar_id"),
                fromWire(EntryKind.class, document.getString("entry_kind")), document.getString("entry_id"),
                document.getInteger("attempt", 1), document.getString("status"), instantOrNull(document, "started_at"),
                instantOrNull(document, "finished_at"), document.getString("executor"), document.getString("message"),
                longValue(document, Versioned.FIELD));
    }
}
