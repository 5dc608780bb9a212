package dev.almanac.query.run;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.dispatch.AttemptOutcome;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceBuffered;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.events.dispatch.RetriesExhausted;
import dev.almanac.events.dispatch.RetryScheduled;
import dev.almanac.events.dispatch.RunTimedOut;
import dev.almanac.events.dispatch.SkipReason;
import dev.almanac.query.readmodel.Versioned;

/**
 * The dispatcher's latest decision on an occurrence, kept under the occurrence id in {@code entry_dispatches}. Its
 * version is the decision's rank ({@link DispatchDecision#rank}), derived from the event alone: the dispatcher publishes
 * an occurrence's decisions in that order, so applying by version keeps the latest and a replay changes nothing. What
 * the dispatch of an attempt said (trigger, due and timeout instants) stays while later decisions are about the same
 * attempt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Dispatch", description = "The dispatcher's latest decision on a rule occurrence (almanac.dispatch.v1)")
public record DispatchState(
        @JsonIgnore @Schema(hidden = true) String id,
        @JsonIgnore @Schema(hidden = true) String calendarId,
        @Schema(description = "buffered, skipped, dispatched (handed to executors, no run reported yet), timed_out, "
                + "retry_scheduled or retries_exhausted", example = "dispatched") DispatchDecision decision,
        @Schema(description = "The attempt the decision is about, from 1: the attempt dispatched, timed out, or ended before "
                + "a retry; the last one when retries are exhausted", example = "1") int attempt,
        @Schema(description = "Why the attempt was dispatched: scheduled, catch_up, backfill, run_now or retry; absent "
                + "before its dispatch") @Nullable DispatchTrigger trigger,
        @Schema(description = "When the attempt was due: the occurrence's start, or later for a retry") @Nullable Instant dueAt,
        @Schema(description = "When the dispatcher dispatched the attempt") @Nullable Instant dispatchedAt,
        @Schema(description = "When the attempt counts as timed out without a final report (its job's timeout after its "
                + "dispatch); absent when the job has no timeout") @Nullable Instant timeoutAt,
        @Schema(description = "Why a skipped occurrence was not dispatched: max_concurrent or superseded") @Nullable SkipReason reason,
        @Schema(description = "How many of the rule's runs were in flight when it was skipped or buffered") @Nullable Integer inFlight,
        @Schema(description = "The attempt a retry runs", example = "2") @Nullable Integer nextAttempt,
        @Schema(description = "When the retry is due") @Nullable Instant retryAt,
        @Schema(description = "How the ended attempt ended, before a retry or when retries are exhausted: failed or timed_out")
        @Nullable AttemptOutcome lastOutcome,
        @Schema(description = "When the dispatcher decided it") Instant decidedAt,
        @JsonIgnore @Schema(hidden = true) long version) implements Versioned {

    /** This decision's rank among the decisions and run reports of the occurrence: its version. */
    public long rank() {
        return version;
    }

    static DispatchState buffered(OccurrenceBuffered buffered) {
        return new DispatchState(buffered.occurrenceId().value(), buffered.calendarId().value(), DispatchDecision.BUFFERED, 1, null,
                null, null, null, null, buffered.inFlight(), null, null, null, buffered.decidedAt(), DispatchDecision.BUFFERED.rank(1));
    }

    static DispatchState skipped(OccurrenceSkipped skipped) {
        return new DispatchState(skipped.occurrenceId().value(), skipped.calendarId().value(), DispatchDecision.SKIPPED, 1, null,
                null, null, null, skipped.reason(), skipped.inFlight(), null, null, null, skipped.decidedAt(),
                DispatchDecision.SKIPPED.rank(1));
    }

    static DispatchState dispatched(OccurrenceDue due) {
        return new DispatchState(due.occurrenceId().value(), due.calendarId().value(), DispatchDecision.DISPATCHED, due.attempt(),
                due.trigger(), due.dueAt(), due.dispatchedAt(), due.timeoutAt(), null, null, null, null, null, due.dispatchedAt(),
                DispatchDecision.DISPATCHED.rank(due.attempt()));
    }

    static DispatchState timedOut(@Nullable DispatchState before, RunTimedOut timedOut) {
        int attempt = timedOut.attempt();
        DispatchState dispatch = sameAttempt(before, attempt);
        return new DispatchState(timedOut.occurrenceId().value(), timedOut.calendarId().value(), DispatchDecision.TIMED_OUT, attempt,
                dispatch == null ? null : dispatch.trigger, dispatch == null ? null : dispatch.dueAt, timedOut.dispatchedAt(),
                timedOut.timeoutAt(), null, null, null, null, AttemptOutcome.TIMED_OUT, timedOut.decidedAt(),
                DispatchDecision.TIMED_OUT.rank(attempt));
    }

    /** The decision is about the attempt that ended, the one before the retry. */
    static DispatchState retryScheduled(@Nullable DispatchState before, RetryScheduled retry) {
        int ended = retry.attempt() - 1;
        DispatchState dispatch = sameAttempt(before, ended);
        return new DispatchState(retry.occurrenceId().value(), retry.calendarId().value(), DispatchDecision.RETRY_SCHEDULED, ended,
                dispatch == null ? null : dispatch.trigger, dispatch == null ? null : dispatch.dueAt,
                dispatch == null ? null : dispatch.dispatchedAt, dispatch == null ? null : dispatch.timeoutAt, null, null,
                retry.attempt(), retry.retryAt(), retry.after(), retry.decidedAt(), DispatchDecision.RETRY_SCHEDULED.rank(ended));
    }

    static DispatchState exhausted(@Nullable DispatchState before, RetriesExhausted exhausted) {
        int last = exhausted.attempts();
        DispatchState dispatch = sameAttempt(before, last);
        return new DispatchState(exhausted.occurrenceId().value(), exhausted.calendarId().value(), DispatchDecision.RETRIES_EXHAUSTED,
                last, dispatch == null ? null : dispatch.trigger, dispatch == null ? null : dispatch.dueAt,
                dispatch == null ? null : dispatch.dispatchedAt, dispatch == null ? null : dispatch.timeoutAt, null, null, null, null,
                exhausted.lastOutcome(), exhausted.decidedAt(), DispatchDecision.RETRIES_EXHAUSTED.rank(last));
    }

    private static @Nullable DispatchState sameAttempt(@Nullable DispatchState before, int attempt) {
        return before != null && before.attempt == attempt ? before : null;
    }
}
