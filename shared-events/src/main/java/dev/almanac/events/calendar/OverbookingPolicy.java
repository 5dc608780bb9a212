package dev.almanac.events.calendar;

/** What happens when an entry would take a calendar past its capacity. */
public enum OverbookingPolicy {
    /** A one-off item that would exceed capacity is refused when it is scheduled or moved. */
    BLOCK,
    /** Everything is accepted; breaches are reported as conflicts. */
    ALLOW
}
