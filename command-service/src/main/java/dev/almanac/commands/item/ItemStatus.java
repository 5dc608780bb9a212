package dev.almanac.commands.item;

import dev.almanac.events.schedule.ScheduleStatus;

/**
 * Where an item stands, as seed 003's {@code ScheduleStatus} names it: scheduled when put on a calendar or moved;
 * tentative (held, not yet firm) or rescheduling (its time is being renegotiated) when a person says so with a PUT;
 * confirmed until it moves again; cancelled for good. {@link ScheduleTransitions} holds the ways between them.
 */
public enum ItemStatus {
    TENTATIVE,
    SCHEDULED,
    CONFIRMED,
    RESCHEDULING,
    CANCELLED;

    public static ItemStatus of(ScheduleStatus status) {
        return valueOf(status.name());
    }

    public ScheduleStatus wire() {
        return ScheduleStatus.valueOf(name());
    }
}
