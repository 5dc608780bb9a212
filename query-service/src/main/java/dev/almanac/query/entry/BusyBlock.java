package dev.almanac.query.entry;

/**
 * Why an entry is shown as a busy block, with its id, calendar, start and end and nothing else (ADR 0096): {@link #BUSY} to a
 * caller who sees only when the calendar is busy (a free/busy grantee), {@link #PRIVATE} for a private entry to a caller
 * other than its owner, its calendar's managers and the admins.
 */
public enum BusyBlock {
    BUSY,
    PRIVATE
}
