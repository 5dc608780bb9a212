package dev.almanac.events.calendar;

/** What a resource is (SCH-RESOURCE); decides how severe a double booking of it is (SCH-011 to SCH-013). */
public enum ResourceType {
    VENUE,
    STAFF,
    EQUIPMENT,
    OTHER
}
