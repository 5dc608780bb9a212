package dev.almanac.query.entry;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.ItemSource;

/** How an entry came onto its calendar (F033-JOB's {@code source}). */
public enum EntrySource {
    /** A one-off item someone scheduled. */
    MANUAL,
    /** An occurrence of a recurring rule. */
    RECURRING_RULE,
    /** A one-off item another system scheduled through the API (F033-JOB). */
    API;

    /** An occurrence's, or an item's as its scheduling said: by hand unless it said api. */
    public static EntrySource of(EntryKind kind, @Nullable ItemSource itemSource) {
        if (kind == EntryKind.OCCURRENCE) {
            return RECURRING_RULE;
        }
        return itemSource == ItemSource.API ? API : MANUAL;
    }
}
