package dev.almanac.commands.calendar;

import org.jspecify.annotations.Nullable;

/** The answer to a calendar's deletion: its tombstone, {@code CalendarDeleted}, is its version {@code version} (ADR 0084). */
record CalendarDeletionResponse(String id, boolean deleted, @Nullable String reason, long version) {
}
