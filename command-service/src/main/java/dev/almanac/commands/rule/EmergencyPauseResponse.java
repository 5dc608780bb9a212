package dev.almanac.commands.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An emergency pause-all as it stands, of one tenant's rules in multi-tenant mode: {@code phase} is pausing (the sweep is pausing every running
 * rule), paused, resuming (resuming only the rules it paused) or resumed; the counts say how many
 * rules it has paused and resumed so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EmergencyPauseResponse(
        String id,
        @Schema(description = "In multi-tenant mode, the tenant whose rules it pauses; absent in single-tenant mode, where it pauses every rule")
        @Nullable String tenant,
        String phase,
        @Nullable String reason,
        Instant requestedAt,
        String requestedBy,
        long rulesPaused,
        long rulesResumed,
        @Nullable Instant resumeRequestedAt,
        @Nullable String resumeRequestedBy) {

    static EmergencyPauseResponse of(EmergencyPauses.EmergencyPause pause) {
        return new EmergencyPauseResponse(pause.id(), pause.tenant(), pause.phase(), pause.reason(), pause.requestedAt(), pause.requestedBy(),
                pause.rulesPaused(), pause.rulesResumed(), pause.resumeRequestedAt(), pause.resumeRequestedBy());
    }
}
