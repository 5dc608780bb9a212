package dev.almanac.commands.item;

/**
 * Where an item stands, from seed 003's {@code ScheduleStatus}: scheduled when put on a calendar
 * or moved, confirmed until it moves again, cancelled for good. (Seed 003's {@code tentative}
 * and {@code rescheduling} have no command that leads to them yet.)
 */
public enum ItemStatus {
    SCHEDULED,
    CONFIRMED,
    CANCELLED
}
