package dev.almanac.events;

/**
 * What occupies time on a calendar: a one-off item or an occurrence of a recurring rule; and, on a run report only, a
 * heartbeat rule itself ({@link #RULE}): a system that runs by itself reports its runs against the rule, and
 * rule-expander reads the report as the beats it accounts for (ADR 0073).
 */
public enum EntryKind {
    ITEM,
    OCCURRENCE,
    RULE
}
