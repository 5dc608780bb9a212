package dev.almanac.events.schedule;

/** What part a resource plays in an item; a double-booked primary staff member weighs more than a secondary one (SCH-012). */
public enum ResourceRole {
    PRIMARY,
    SECONDARY
}
