package dev.almanac.commands.run;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;

/** The report as recorded: the run it belongs to, and the run's version after it. */
record RunReportResponse(
        String runId,
        String calendarId,
        EntryKind entryKind,
        String entryId,
        int attempt,
        RunStatus status,
        Instant at,
        @Nullable String executor,
        long version) {

    static RunReportResponse of(ReportRun report, long version) {
        return new RunReportResponse(report.runId().value(), report.calendarId().value(), report.entryKind(), report.entryId(),
                report.attempt(), report.status(), report.at(), report.executor(), version);
    }
}
