package dev.almanac.commands.item;

import java.time.Instant;

/** Seed 000's reschedule response; {@code audit_id} is the id of the stored event that records the move. */
record RescheduleResponse(
        String jobId,
        Instant oldTime,
        Instant newTime,
        String localTime,
        Instant rescheduledAt,
        String rescheduledBy,
        String auditId) {
}
