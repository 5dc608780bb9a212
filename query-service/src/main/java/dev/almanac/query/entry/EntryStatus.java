package dev.almanac.query.entry;

/**
 * Where an entry stands, named as SCH-STATUS's {@code ScheduleStatus}: scheduled when put on a
 * calendar or moved (and every occurrence), confirmed until the item moves again, cancelled for
 * good. A cancelled item keeps its entry, answered by id, but is withdrawn from every calendar
 * day and so from every window count and page of entries. An occurrence its rule withdrew (paused,
 * deleted, updated away) is answered by id as cancelled the same way, until its rule brings it back.
 */
public enum EntryStatus {
    SCHEDULED,
    CONFIRMED,
    CANCELLED
}
