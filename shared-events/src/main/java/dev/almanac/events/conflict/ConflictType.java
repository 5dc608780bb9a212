package dev.almanac.events.conflict;

/** What kind of booking clashed; follows from the calendar's type. */
public enum ConflictType {
    TIME_OVERLAP,
    VENUE_CONFLICT,
    STAFF_CONFLICT,
    EQUIPMENT_CONFLICT
}
