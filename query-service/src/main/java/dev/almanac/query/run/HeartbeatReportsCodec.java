package dev.almanac.query.run;

import static dev.almanac.query.readmodel.MongoValues.date;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.putIfPresent;

import java.util.List;

import org.bson.Document;

import dev.almanac.query.readmodel.DocumentCodec;
import dev.almanac.query.readmodel.Versioned;

/** {@link HeartbeatReports} as its document in {@code heartbeat_reports}, by rule and hour. */
final class HeartbeatReportsCodec implements DocumentCodec<HeartbeatReports> {

    @Override
    public String id(HeartbeatReports reports) {
        return reports.id();
    }

    @Override
    public Document encode(HeartbeatReports reports) {
        List<Document> each = reports.reports().stream().map(report -> {
            Document document = new Document("at", date(report.at())).append("run_id", report.runId()).append("status", report.status());
            putIfPresent(document, "executor", report.executor());
            putIfPresent(document, "message", report.message());
            return document;
        }).toList();
        return new Document("_id", reports.id()).append("reports", each).append(Versioned.FIELD, reports.version());
    }

    @Override
    public HeartbeatReports decode(Document document) {
        List<HeartbeatReports.Report> reports = document.getList("reports", Document.class).stream()
                .map(report -> new HeartbeatReports.Report(instant(report, "at"), report.getString("run_id"), report.getString("status"),
                        report.getString("executor"), report.getString("message")))
                .toList();
        return new HeartbeatReports(document.getString("_id"), reports, 0);
    }
}
