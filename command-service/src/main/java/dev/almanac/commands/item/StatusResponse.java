package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a confirm or cancel, shaped like the reschedule response: the item, where it
 * stands now, who changed it and when, and {@code audit_id}, the id of the stored event that
 * records the change. A cancellation lists the followers cancelled with the item.
 */
record StatusResponse(
        String id,
        String calendarId,
        ItemStatus status,
        Instant start,
        Instant end,
        @Nullable String reason,
        Instant changedAt,
        String changedBy,
        String auditId,
        long version,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(description = "The followers (LNK-PAIR) cancelled with the item, in the same transaction, each with its new "
                + "version and consistency_token; absent when none")
        List<ChangedItem> cancelledWith) {

    StatusResponse(String id, String calendarId, ItemStatus status, Instant start, Instant end, @Nullable String reason,
                   Instant changedAt, String changedBy, String auditId, long version) {
        this(id, calendarId, status, start, end, reason, changedAt, changedBy, auditId, version, List.of());
    }

    /** Another item changed with this one. */
    @Schema(name = "ChangedItem")
    record ChangedItem(String id, String auditId, long version, String consistencyToken) {
    }
}
