package dev.almanac.commands.item;

/**
 * Where an item stands, as SCH-STATUS names it: scheduled when put on a calendar
 * or moved, confirmed until it moves again, cancelled for good. (The source's {@code tentative}
 * and {@code rescheduling} have no command that leads to them yet.)
 */
public enum ItemStatus {
    SCHEDULED,
    CONFIRMED,
    CANCELLED
}
