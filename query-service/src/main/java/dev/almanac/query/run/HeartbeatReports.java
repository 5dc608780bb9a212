package dev.almanac.query.run;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.run.RunEvent;
import dev.almanac.query.readmodel.Versioned;

/**
 * The reports of one heartbeat rule (ADR 0073) in one UTC hour, in {@code heartbeat_reports} under
 * {@code <rule id>@<hour>}. A system reports its heartbeat as a run of the rule, not of a beat, so the views find a
 * beat's reports here by the hours its window covers ({@link HeartbeatBeat#hours}). The reports are a set: a
 * redelivered report adds nothing, so every report applies whatever the version ({@link #version} stays 0).
 *
 * @param reports by instant, each (run, status) once
 */
public record HeartbeatReports(String id, List<Report> reports, long version) implements Versioned {

    private static final Comparator<Report> BY_INSTANT = Comparator.comparing(Report::at).thenComparing(Report::runId)
            .thenComparing(Report::status);

    public HeartbeatReports {
        reports = List.copyOf(reports);
    }

    /** One report of the rule: when the system said it was running, had succeeded or had failed. */
    public record Report(Instant at, String runId, String status, @Nullable String executor, @Nullable String message) {
    }

    /** The id of a rule's reports in the hour of {@code at}. */
    public static String idOf(String ruleId, Instant at) {
        return ruleId + "@" + at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The reports before this one was added (null when none were kept yet), with this one. */
    static HeartbeatReports with(@Nullable HeartbeatReports before, String id, RunEvent event, String status, Instant at,
                                 @Nullable String executor, @Nullable String message) {
        Report report = new Report(at, event.runId().value(), status, executor, message);
        List<Report> reports = new ArrayList<>(before == null ? List.of() : before.reports());
        if (reports.stream().noneMatch(kept -> kept.runId().equals(report.runId()) && kept.status().equals(report.status()))) {
            reports.add(report);
            reports.sort(BY_INSTANT);
        }
        return new HeartbeatReports(id, reports, 0);
    }

    /**
     * The run a beat shows: the latest report that accounts for it, as rule-expander counts one (a report at t accounts
     * for every beat from its grace before t to one interval after t), or null when none does.
     */
    static @Nullable RunState latestFor(HeartbeatBeat beat, List<Report> reports) {
        Instant from = beat.start().minus(beat.interval());
        Instant until = beat.start().plus(beat.grace());
        Report latest = null;
        for (Report report : reports) {
            if (!report.at().isBefore(from) && !report.at().isAfter(until) && (latest == null || BY_INSTANT.compare(report, latest) > 0)) {
                latest = report;
            }
        }
        if (latest == null) {
            return null;
        }
        boolean running = RunState.RUNNING.equals(latest.status());
        return new RunState(beat.occurrenceId(), latest.runId(), beat.calendarId(), EntryKind.OCCURRENCE, beat.occurrenceId(), 1,
                latest.status(), running ? latest.at() : null, running ? null : latest.at(), latest.executor(), latest.message(), 0);
    }

    /** A beat of a heartbeat rule, as a view lists it, with the rule's interval and grace. */
    public record HeartbeatBeat(String occurrenceId, String ruleId, String calendarId, Instant start, Duration interval, Duration grace) {

        /** The ids of the hours that hold every report that may account for this beat. */
        List<String> hours() {
            List<String> ids = new ArrayList<>();
            Instant last = start.plus(grace).truncatedTo(ChronoUnit.HOURS);
            for (Instant hour = start.minus(interval).truncatedTo(ChronoUnit.HOURS); !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
                ids.add(idOf(ruleId, hour));
            }
            return ids;
        }
    }
}
