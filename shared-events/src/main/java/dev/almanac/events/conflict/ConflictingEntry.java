package dev.almanac.events.conflict;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One of the entries taking part in a conflict, as it stood when the conflict was computed. {@code ruleId} is an
 * occurrence's rule, so that a reader can tell whether it is private (ADR 0096) without knowing the occurrence; null for
 * an item and an unavailable range, and in events written before it was carried.
 */
public record ConflictingEntry(ConflictEntryKind kind, String entryId, String title, Instant start, Instant end,
                               @Nullable String ruleId) {

    /** An entry that is no rule's occurrence: an item or an unavailable range, or an occurrence whose rule is not known. */
    public ConflictingEntry(ConflictEntryKind kind, String entryId, String title, Instant start, Instant end) {
        this(kind, entryId, title, start, end, null);
    }
}
