package dev.almanac.dispatch.due;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An occurrence of a rule whose options the dispatcher enforces, followed from its first dispatch until it is final
 * and a while after: its latest attempt ({@code run}), where it stands, when that attempt was dispatched and times
 * out, and {@code deadline}, the next instant something happens to it of itself (its timeout, the end of an attempt
 * that has none, or, once final, when it is forgotten).
 */
public record TrackedRun(PendingRun run, RunPhase phase, Instant dispatchedAt, @Nullable Instant timeoutAt, Instant deadline) {

    TrackedRun in(RunPhase newPhase, Instant newDeadline) {
        return new TrackedRun(run, newPhase, dispatchedAt, timeoutAt, newDeadline);
    }
}
