package dev.almanac.conflicts.lifecycle;

/**
 * The trackers of a partition: of its calendars, of its resources, and of the linked pairs whose
 * primary's id falls on it. A fact is applied to the one it concerns.
 */
public record Trackers(ConflictTracker calendars, ResourceTracker resources, OrphanTracker orphans) {
}
