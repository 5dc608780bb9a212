package dev.almanac.commands.item;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a confirm or cancel, shaped like the reschedule response: the item, where it
 * stands now, who changed it and when, and {@code audit_id}, the id of the stored event that
 * records the change.
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
        long version) {
}
