package dev.almanac.query.run;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.query.readmodel.Versioned;

/**
 * A run as its reports left it. Kept twice: under the run's id in {@code runs}, at the run's
 * version, and under its entry's id in {@code entry_runs}, where only the entry's latest attempt
 * stays ({@link #entryVersion}). The overlay of an occurrence with no run reported that
 * rule-expander found missed is a {@link #missed} state, which no run id or attempt has.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Run", description = "The latest run of an entry, as its executor reported it")
public record RunState(
        @JsonIgnore @Schema(hidden = true) String id,
        @Schema(description = "Absent for a missed occurrence, which no run has") @Nullable String runId,
        @JsonIgnore @Schema(hidden = true) String calendarId,
        @JsonIgnore @Schema(hidden = true) EntryKind entryKind,
        @JsonIgnore @Schema(hidden = true) String entryId,
        int attempt,
        @Schema(description = "running, succeeded or failed; missed when no run was reported in time (OPS-MISSED's stasis)",
                example = "succeeded") String status,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String executor,
        @Nullable String message,
        @JsonIgnore @Schema(hidden = true) long version) implements Versioned {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /**
     * An occurrence whose time passed with no run reported: rule-expander found it missed
     * (OccurrenceMissed, kept in {@code missed_runs}), and {@link Runs#latestOf} gives it this state
     * while no run is reported for it and an operator has not rescheduled or deleted it, so views
     * show it ({@link RunOverlay#MISSED}).
     */
    public static final String MISSED = "missed";

    /**
     * This report's rank among the run reports and the dispatcher's decisions of its entry ({@link DispatchDecision}): a
     * later attempt outranks an earlier one; within an attempt a report outranks its bare dispatch, a final report its
     * start, and a timeout, retry or end of retries outranks both.
     */
    public long rank() {
        return DispatchDecision.rank(attempt, RUNNING.equals(status) ? DispatchDecision.RUNNING_STEP : DispatchDecision.FINISHED_STEP);
    }

    /** Whether this is the overlay of an occurrence found missed rather than a run reported. */
    public boolean isMissed() {
        return MISSED.equals(status);
    }

    /** A run has at most two events, so later attempts always rank above every event of earlier ones. */
    static long entryVersion(RunEvent event, long runVersion) {
        return event.attempt() * 1_000L + runVersion;
    }

    /** The overlay of an occurrence found missed: when it was found, and the run catch-up or an operator's approval started for it. */
    static RunState missed(MissedRun missed) {
        String backfill = missed.backfillRun() != null ? missed.backfillRun() : missed.catchUpRun();
        return new RunState(missed.id(), null, missed.calendarId() == null ? "" : missed.calendarId(), EntryKind.OCCURRENCE, missed.id(),
                0, MISSED, null, null, null, (missed.noHeartbeat() ? "no heartbeat reported by " : "no run reported by ") + missed.detectedAt()
                + (backfill == null ? "" : "; run again as occurrence " + backfill), missed.version());
    }

    static RunState started(RunStarted started, String id, long version) {
        return new RunState(id, started.runId().value(), started.calendarId().value(), started.entryKind(), started.entryId(),
                started.attempt(), RUNNING, started.startedAt(), null, started.executor(), null, version);
    }

    static RunState succeeded(@Nullable RunState before, RunSucceeded succeeded, String id, long version) {
        return finished(before, succeeded, SUCCEEDED, succeeded.finishedAt(), succeeded.executor(), succeeded.message(), id, version);
    }

    static RunState failed(@Nullable RunState before, RunFailed failed, String id, long version) {
        return finished(before, failed, FAILED, failed.finishedAt(), failed.executor(), failed.message(), id, version);
    }

    private static RunState finished(@Nullable RunState before, RunEvent event, String status, Instant finishedAt,
                                     @Nullable String executor, @Nullable String message, String id, long version) {
        boolean sameRun = before != null && event.runId().value().equals(before.runId());
        return new RunState(id, event.runId().value(), event.calendarId().value(), event.entryKind(), event.entryId(),
                event.attempt(), status, sameRun ? before.startedAt() : null, finishedAt,
                executor != null ? executor : sameRun ? before.executor() : null, message, version);
    }
}
