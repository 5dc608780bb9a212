package dev.almanac.events.calendar;

/** What kind of thing owns a calendar (SCH-CALENDAR). */
public enum OwnerType {
    VENUE,
    STAFF,
    EQUIPMENT,
    DEPARTMENT,
    ORGANIZATION
}
