package dev.almanac.events.conflict;

public enum ConflictLevel {
    MINOR,
    MODERATE,
    SEVERE,
    CRITICAL
}
