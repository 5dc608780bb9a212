package dev.almanac.conflicts.lifecycle;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictStatus;

/**
 * A conflict as conflict-detector last recorded it.
 *
 * @param lastDetected    the last {@code ConflictDetected} published for it; a cleared conflict keeps it
 * @param presence        whether its clash still holds
 * @param version         the version of the last event published for it: 0 for its first, +1 per event
 * @param status          where it stands in its lifecycle, folded as {@link ConflictStatus} describes
 * @param escalationDue   when it escalates by itself (SCH-015), while it is detected, critical or severe; else null
 */
public record StoredConflict(ConflictDetected lastDetected, Presence presence, long version, ConflictStatus status,
                             @Nullable Instant escalationDue) {

    /** A conflict that no one has acted on: detected while its clash holds, cleared once it does not. */
    public StoredConflict(ConflictDetected lastDetected, Presence presence, long version) {
        this(lastDetected, presence, version, presence == Presence.ACTIVE ? ConflictStatus.DETECTED : ConflictStatus.CLEARED, null);
    }

    public ConflictId id() {
        return lastDetected.conflictId();
    }

    public TimeRange window() {
        return new TimeRange(lastDetected.start(), lastDetected.end());
    }

    public boolean active() {
        return presence == Presence.ACTIVE;
    }

    StoredConflict withStatus(ConflictStatus next, long nextVersion) {
        return new StoredConflict(lastDetected, presence, nextVersion, next, null);
    }

    StoredConflict withEscalationDue(@Nullable Instant due) {
        return new StoredConflict(lastDetected, presence, version, status, due);
    }
}
