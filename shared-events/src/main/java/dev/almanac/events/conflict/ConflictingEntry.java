package dev.almanac.events.conflict;

import java.time.Instant;

import dev.almanac.events.EntryKind;

/** One of the entries taking part in a conflict, as it stood when the conflict was computed. */
public record ConflictingEntry(EntryKind kind, String entryId, String title, Instant start, Instant end) {
}
