package dev.almanac.events.calendar;

/** What kind of thing owns a calendar (seed 003's OwnerType). */
public enum OwnerType {
    VENUE,
    STAFF,
    EQUIPMENT,
    DEPARTMENT,
    ORGANIZATION
}
