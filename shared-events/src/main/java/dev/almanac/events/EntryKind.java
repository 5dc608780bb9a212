package dev.almanac.events;

/** What occupies time on a calendar: a one-off item or an occurrence of a recurring rule. */
public enum EntryKind {
    ITEM,
    OCCURRENCE
}
