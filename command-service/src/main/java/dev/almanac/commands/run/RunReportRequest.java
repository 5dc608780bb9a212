package dev.almanac.commands.run;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.web.PathIds;
import dev.almanac.events.Identifiers;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.EntryKind;
import dev.almanac.events.run.RunId;

/**
 * {@code POST /api/v1/runs}: one report on one run. Without {@code run_id} the run is named by
 * its entry and attempt, so the started and the finished report of one attempt name the same run; a heartbeat's report
 * ({@code entry_kind} rule, {@code entry_id} the rule id: ADR 0073) is named by the rule and {@code at}, each a run of its own.
 */
record RunReportRequest(
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String runId,
        @NotBlank String calendarId,
        @NotNull EntryKind entryKind,
        @NotNull @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String entryId,
        @Schema(description = "1 for the first attempt at the entry, 2 for its first retry; default 1")
        @Nullable @Min(1) @Max(1000) Integer attempt,
        @NotNull RunStatus status,
        @Schema(description = "When the run started (status started) or finished, by the executor's clock; at most 5 minutes ahead of Almanac's")
        @NotNull Instant at,
        @Nullable @Size(max = 128) String executor,
        @Schema(description = "What the executor says of the outcome, such as an error for a failed run")
        @Nullable @Size(max = 1000) String message) {

    ReportRun toCommand() {
        int attemptNumber = attempt == null ? 1 : attempt;
        // A heartbeat's system reports the rule (ADR 0073): each of its reports is a run of its own, named by when it came.
        RunId id = runId != null ? RunId.of(runId)
                : entryKind == EntryKind.RULE ? RunId.of(entryKind, entryId + "@" + at, attemptNumber)
                : RunId.of(entryKind, entryId, attemptNumber);
        return new ReportRun(id, PathIds.parse("calendar_id", calendarId, CalendarId::of), entryKind, entryId, attemptNumber,
                status, at, executor, status == RunStatus.STARTED ? null : message);
    }
}
