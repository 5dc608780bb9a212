package dev.almanac.events.schedule;

public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL
}
