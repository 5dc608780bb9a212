package dev.almanac.events.calendar;

/** What happens when an entry would take a calendar past its capacity. */
public enum OverbookingPolicy {
    /** A one-off item that would exceed capacity is refused when it is scheduled or moved. */
    BLOCK,
    /**
     * Every item is accepted; one that takes the calendar past its capacity is accepted with a
     * warning (SCH-023) in the command's answer, and the breach is recorded as a conflict.
     */
    WARN,
    /** Everything is accepted; breaches are reported as conflicts. */
    ALLOW
}
