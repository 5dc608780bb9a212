package dev.almanac.commands.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An emergency pause-all as it stands: {@code phase} is pausing (the sweep is pausing every running
 * rule), paused, resuming (resuming only the rules it paused) or resumed; the counts say how many
 * rules it has paused and resumed so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EmergencyPauseResponse(
        String id,
        String phase,
        @Nullable String reason,
        Instant requestedAt,
        String requestedBy,
        long rulesPaused,
        long rulesResumed,
        @Nullable Instant resumeRequestedAt,
        @Nullable String resumeRequestedBy) {

    static EmergencyPauseResponse of(EmergencyPauses.EmergencyPause pause) {
        return new EmergencyPauseResponse(pause.id(), pause.phase(), pause.reason(), pause.requestedAt(), pause.requestedBy(),
                pause.rulesPaused(), pause.rulesResumed(), pause.resumeRequestedAt(), pause.resumeRequestedBy());
    }
}
