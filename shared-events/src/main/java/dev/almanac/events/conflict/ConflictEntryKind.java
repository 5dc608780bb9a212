package dev.almanac.events.conflict;

import dev.almanac.events.EntryKind;

/**
 * What takes part in a conflict: a one-off item, an occurrence of a rule, or a range during which
 * the conflict's resource is unavailable (its {@code entry_id} is the range's start, its title the
 * reason it was marked unavailable).
 */
public enum ConflictEntryKind {
    ITEM,
    OCCURRENCE,
    UNAVAILABILITY;

    public static ConflictEntryKind of(EntryKind kind) {
        return kind == EntryKind.ITEM ? ITEM : OCCURRENCE;
    }
}
