package dev.almanac.conflicts.lifecycle;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;

/**
 * A conflict as conflict-detector last recorded it.
 *
 * @param lastDetected the last {@code ConflictDetected} published for it; a cleared conflict keeps it
 * @param status       whether it is still in force
 * @param version      the version of the last event published for it: 0 for its first, +1 per event
 */
public record StoredConflict(ConflictDetected lastDetected, ConflictStatus status, long version) {

    public ConflictId id() {
        return lastDetected.conflictId();
    }

    public TimeRange window() {
        return new TimeRange(lastDetected.start(), lastDetected.end());
    }

    public boolean active() {
        return status == ConflictStatus.ACTIVE;
    }
}
