package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a run now: the run's occurrence id, which the dispatcher's {@code OccurrenceDue} and the executor's
 * run reports carry, and when it was asked for.
 *
 * @param status always {@code requested}: the dispatcher decides the rest (dispatched, or skipped or buffered by the
 *               rule's {@code max_concurrent})
 */
record RunNowResponse(String ruleId, String runId, String status, Instant requestedAt, @Nullable String reason) {

    static RunNowResponse of(String ruleId, RunRequested requested, @Nullable String reason) {
        return new RunNowResponse(ruleId, requested.runId().value(), "requested", requested.requestedAt(), reason);
    }
}
