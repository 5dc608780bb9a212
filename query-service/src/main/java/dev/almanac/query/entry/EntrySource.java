package dev.almanac.query.entry;

/** How an entry came onto its calendar (seed 000's {@code source}). */
public enum EntrySource {
    /** A one-off item someone scheduled. */
    MANUAL,
    /** An occurrence that rule-expander materialised from a recurring rule. */
    RECURRING_RULE
}
