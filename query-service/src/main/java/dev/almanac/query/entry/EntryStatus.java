package dev.almanac.query.entry;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ScheduleStatus;

/**
 * Where an entry stands, named as seed 003's {@code ScheduleStatus}: tentative (held, not yet firm), scheduled when put
 * on a calendar or moved (and every occurrence), confirmed until the item moves again, rescheduling while its time is
 * renegotiated (it keeps its place), cancelled for good. A cancelled item keeps its entry, answered by id, but is
 * withdrawn from every calendar day and so from every window count and page of entries. An occurrence its rule
 * withdrew (paused, deleted, updated away) is answered by id as cancelled the same way, until its rule brings it back.
 * A deleted item (ADR 0084) is on no day and is never answered: a read of it is 404.
 */
public enum EntryStatus {
    TENTATIVE,
    SCHEDULED,
    CONFIRMED,
    RESCHEDULING,
    CANCELLED,
    DELETED;

    public static EntryStatus of(ScheduleStatus status) {
        return switch (status) {
            case TENTATIVE -> TENTATIVE;
            case SCHEDULED -> SCHEDULED;
            case CONFIRMED -> CONFIRMED;
            case RESCHEDULING -> RESCHEDULING;
            case CANCELLED -> CANCELLED;
        };
    }

    /** Where a move leaves an item, as on the command side: a tentative one stays tentative, any other is scheduled. */
    public static EntryStatus afterMove(@Nullable EntryStatus before) {
        return before == TENTATIVE ? TENTATIVE : SCHEDULED;
    }
}
