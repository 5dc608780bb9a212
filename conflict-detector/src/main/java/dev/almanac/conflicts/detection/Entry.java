package dev.almanac.conflicts.detection;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictingEntry;

/** Something that occupies {@code [start, end)} on a calendar: a one-off item or a rule's occurrence. */
public record Entry(EntryKey key, String title, TimeRange time) {

    public ConflictingEntry asConflicting() {
        return new ConflictingEntry(ConflictEntryKind.of(key.kind()), key.id(), title, time.start(), time.end());
    }
}
