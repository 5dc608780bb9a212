package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a bulk reschedule: each job as a single reschedule answers it, in the order of
 * the request, with the item's new {@code version} (its ETag) and its own
 * {@code consistency_token}: the header of a single command names one entity, a batch names many.
 */
record BulkRescheduleResponse(List<Job> jobs, @Nullable String reason, String rescheduledBy) {

    record Job(
            String jobId,
            Instant oldTime,
            Instant newTime,
            String localTime,
            Instant rescheduledAt,
            String auditId,
            long version,
            String consistencyToken) {
    }
}
