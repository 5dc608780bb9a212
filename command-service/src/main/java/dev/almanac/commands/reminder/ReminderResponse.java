package dev.almanac.commands.reminder;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A reminder as it stands after a command (ADR 0079). {@code dueAt} is when it comes for the item's current start; for a
 * rule's reminder, which comes before each occurrence, it is absent.
 */
public record ReminderResponse(
        @Nullable String itemId,
        @Nullable String ruleId,
        String reminderId,
        String user,
        int minutesBefore,
        String timezone,
        @Nullable Instant dueAt,
        long version,
        @Nullable String eventId) {
}
