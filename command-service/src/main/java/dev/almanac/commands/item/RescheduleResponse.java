package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.platform.problem.Violation;

/** Seed 000's reschedule response; {@code audit_id} is the id of the stored event that records the move. */
record RescheduleResponse(
        String jobId,
        Instant oldTime,
        Instant newTime,
        String localTime,
        Instant rescheduledAt,
        String rescheduledBy,
        String auditId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "What the capacity guard warned of: SCH-022 or, on a calendar that warns, SCH-023") List<Violation> warnings) {
}
