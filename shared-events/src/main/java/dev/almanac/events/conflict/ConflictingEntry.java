package dev.almanac.events.conflict;

import java.time.Instant;

/** One of the entries taking part in a conflict, as it stood when the conflict was computed. */
public record ConflictingEntry(ConflictEntryKind kind, String entryId, String title, Instant start, Instant end) {
}
