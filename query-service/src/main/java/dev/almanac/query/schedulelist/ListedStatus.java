package dev.almanac.query.schedulelist;

import dev.almanac.query.entry.EntryStatus;

/** The statuses a listed entry has, which the list filters by: cancelled and deleted items are on no list. */
enum ListedStatus {
    TENTATIVE,
    SCHEDULED,
    CONFIRMED,
    RESCHEDULING;

    boolean matches(EntryStatus status) {
        return status.name().equals(name());
    }
}
