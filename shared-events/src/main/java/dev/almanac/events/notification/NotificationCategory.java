package dev.almanac.events.notification;

/**
 * How urgent a notification is (seed 001, §9): {@link #CRITICAL} for what failed or was escalated, {@link #NORMAL} for
 * what waits for a decision, {@link #LOW} for warnings. A policy may suppress a category; none does yet.
 */
public enum NotificationCategory {
    CRITICAL,
    NORMAL,
    LOW
}
