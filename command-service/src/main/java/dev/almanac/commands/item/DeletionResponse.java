package dev.almanac.commands.item;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The answer to a deletion: the item's tombstone, {@code ItemDeleted}, and the slot it freed (ADR 0084). */
record DeletionResponse(
        String id,
        String calendarId,
        boolean deleted,
        @Nullable String reason,
        Instant start,
        Instant end,
        Instant deletedAt,
        String deletedBy,
        String auditId,
        long version) {
}
