package dev.almanac.query.availability;

/** The answer of an availability check for one resource. */
public enum ResourceStatus {
    /** Neither booked by an item nor marked unavailable at any instant of the checked range (SCH-030). */
    AVAILABLE,
    /** Booked by an item somewhere in the checked range, and not marked unavailable in it. */
    BUSY,
    /** Marked unavailable somewhere in the checked range, whether booked too or not. */
    UNAVAILABLE,
    /** No resource has this id (or its creation has not been projected yet). */
    UNKNOWN
}
