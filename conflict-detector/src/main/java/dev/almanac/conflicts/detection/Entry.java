package dev.almanac.conflicts.detection;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictingEntry;

/**
 * Something that occupies {@code [start, end)} on a calendar: a one-off item or a rule's occurrence. {@code ruleId} is an
 * occurrence's rule, which its conflicts carry so that the notifier can tell a private rule's occurrence (ADR 0096); null
 * for an item, and for an occurrence stored before it was kept.
 */
public record Entry(EntryKey key, String title, TimeRange time, @Nullable String ruleId) {

    /** An entry of no known rule: an item, or an occurrence whose rule is not known. */
    public Entry(EntryKey key, String title, TimeRange time) {
        this(key, title, time, null);
    }

    /** An occurrence of {@code ruleId}. */
    public static Entry occurrence(String occurrenceId, @Nullable String ruleId, String title, TimeRange time) {
        return new Entry(EntryKey.occurrence(occurrenceId), title, time, ruleId);
    }

    /** The same entry elsewhere: a move keeps its title and rule. */
    public Entry at(TimeRange to) {
        return new Entry(key, title, to, ruleId);
    }

    public ConflictingEntry asConflicting() {
        return new ConflictingEntry(ConflictEntryKind.of(key.kind()), key.id(), title, time.start(), time.end(), ruleId);
    }
}
