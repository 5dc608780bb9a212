package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.platform.problem.Violation;

/**
 * The reschedule response of F033-RESCHEDULE; {@code audit_id} is the id of the stored event that records the
 * move. {@code moved_with} lists every other item the move took along, in the same transaction.
 */
record RescheduleResponse(
        String jobId,
        Instant oldTime,
        Instant newTime,
        String localTime,
        Instant rescheduledAt,
        String rescheduledBy,
        String auditId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "What the capacity guard warned of: SCH-022 or, on a calendar that warns, SCH-023") List<Violation> warnings,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "The items moved along, by the same amount, in the same transaction: the item's followers "
                + "(LNK-PAIR) and, with cascade, every item that depends on it and their followers; each with its own new "
                + "version and consistency_token. Absent when none moved")
        List<MovedItem> movedWith) {

    /** An item moved along with the rescheduled one. */
    @Schema(name = "MovedItem")
    record MovedItem(
            String jobId,
            @Schema(allowableValues = {"follower", "dependent"}, description = "follower: it follows a moved item; dependent: "
                    + "it depends on one (cascade)") String relation,
            Instant oldTime,
            Instant newTime,
            String auditId,
            long version,
            String consistencyToken,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> warnings) {
    }
}
