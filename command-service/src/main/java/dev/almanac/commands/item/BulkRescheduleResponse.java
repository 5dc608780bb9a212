package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a bulk reschedule: each job as a single reschedule answers it, in the order of
 * the request, with the item's new {@code version} (its ETag) and its own
 * {@code consistency_token}: the header of a single command names one entity, a batch names many.
 */
record BulkRescheduleResponse(
        List<Job> jobs,
        @Nullable String reason,
        String rescheduledBy,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "The followers (LNK-PAIR) that moved with the jobs' items by the same amount, each with the index "
                + "of its primary's job, its new version and consistency_token; absent when none")
        List<Follower> followers) {

    /** A follower moved with the item of {@code jobs[job_index]}. */
    @Schema(name = "MovedFollower")
    record Follower(int jobIndex, String jobId, Instant oldTime, Instant newTime, String auditId, long version,
                    String consistencyToken) {
    }

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
