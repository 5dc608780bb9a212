package dev.almanac.conflicts.lifecycle;

/** The two trackers of a partition: of its calendars, and of its resources. A fact is applied to the one it concerns. */
public record Trackers(ConflictTracker calendars, ResourceTracker resources) {
}
