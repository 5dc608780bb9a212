package dev.almanac.commands.rule;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A heartbeat schedule (ADR 0073), which a rule may give instead of a cron, an RRULE or a recurrence: a system that runs
 * by itself reports a run every {@code interval}; a beat with no report from one interval before it to {@code grace}
 * after it is missed.
 */
@Schema(name = "HeartbeatSchedule", description = "A heartbeat (ADR 0073): Almanac does not dispatch the rule; a system that runs by "
        + "itself reports a run (POST /api/v1/runs or almanac.runs.v1, entry_kind rule, entry_id the rule id) every interval")
record HeartbeatRequest(
        @Schema(description = "How often the system reports: whole minutes, from 1m to 12h, like 5m or 1h", example = "5m")
        @NotNull @Pattern(regexp = CreateRuleRequest.DURATION, message = "must read like 90s, 5m, 2h or 1h30m") String interval,
        @Schema(description = "How long after a beat its report may still come, from 0s to the interval; default 1m", example = "1m")
        @Nullable @Pattern(regexp = CreateRuleRequest.DURATION, message = "must read like 90s, 5m, 2h or 1h30m") String grace) {
}
