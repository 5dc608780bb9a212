package dev.almanac.events.schedule;

/**
 * Where an item stands (seed 003's {@code ScheduleStatus}): tentative (held, not yet firm), scheduled, confirmed,
 * rescheduling (its time is being renegotiated; it keeps its place meanwhile), cancelled for good.
 */
public enum ScheduleStatus {
    TENTATIVE,
    SCHEDULED,
    CONFIRMED,
    RESCHEDULING,
    CANCELLED
}
