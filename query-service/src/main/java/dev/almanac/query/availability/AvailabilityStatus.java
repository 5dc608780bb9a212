package dev.almanac.query.availability;

/** The answer of a batch check for one calendar. */
public enum AvailabilityStatus {
    /** Below capacity at every instant of the checked range. */
    AVAILABLE,
    /** At capacity somewhere in the checked range. */
    BUSY,
    /** No calendar has this id (or its creation has not been projected yet). */
    UNKNOWN
}
