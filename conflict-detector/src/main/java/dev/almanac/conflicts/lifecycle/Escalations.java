package dev.almanac.conflicts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictStatus;

/**
 * SCH-015: a critical or severe conflict must be resolved or escalated within 24 hours, so one that
 * is still detected 24 hours after it opened escalates by itself. The clock is data: the due time
 * is stored with the conflict and in an index by due time ({@link ConflictStore#dueForEscalation}),
 * so whichever replica owns the partition fires it, after a restart or a move included.
 */
public final class Escalations {

    public static final Duration DEADLINE = Duration.ofHours(24);
    /** Who escalates by itself; the envelope's actor and the event's {@code escalated_by}. */
    public static final String ACTOR = "conflict-detector";
    public static final String REASON = "SCH-015: a critical or severe conflict must be resolved or escalated within 24 hours";

    private Escalations() {
    }

    public static boolean escalatesByItself(ConflictLevel level) {
        return level == ConflictLevel.CRITICAL || level == ConflictLevel.SEVERE;
    }

    /**
     * Starts the clock of every conflict that these changes opened (first detected, or detected again
     * after it had cleared) at {@code detectedAt}, the time of the fact that caused them.
     */
    public static void startClocks(ConflictStore conflicts, List<ConflictChange> changes, Instant detectedAt) {
        for (ConflictChange change : changes) {
            if (change instanceof ConflictChange.Detection detection && escalatesByItself(detection.event().level())) {
                conflicts.find(detection.conflictId())
                        .filter(stored -> stored.status() == ConflictStatus.DETECTED && stored.escalationDue() == null)
                        .ifPresent(stored -> conflicts.scheduleEscalation(stored.id(), detectedAt.plus(DEADLINE)));
            }
        }
    }

    /**
     * Starts, at {@code now}, the clock of every detected critical or severe conflict of the calendar
     * that has none: those stored before the lifecycle existed. The re-scan calls it, so that
     * {@code POST /api/v1/conflicts/detect} brings them under SCH-015 too.
     * @return how many clocks it started
     */
    public static int startMissingClocks(ConflictStore conflicts, CalendarId calendarId, Instant now) {
        return startMissingClocks(conflicts, conflicts.active(calendarId), now);
    }

    /** {@link #startMissingClocks(ConflictStore, CalendarId, Instant)} for a resource's conflicts. */
    public static int startMissingClocks(ConflictStore conflicts, ResourceId resourceId, Instant now) {
        return startMissingClocks(conflicts, conflicts.active(resourceId), now);
    }

    /** {@link #startMissingClocks(ConflictStore, CalendarId, Instant)} for these active conflicts (orphaned links). */
    public static int startMissingClocks(ConflictStore conflicts, List<StoredConflict> active, Instant now) {
        int started = 0;
        for (StoredConflict conflict : active) {
            if (conflict.status() == ConflictStatus.DETECTED && conflict.escalationDue() == null
                    && escalatesByItself(conflict.lastDetected().level())) {
                conflicts.scheduleEscalation(conflict.id(), now.plus(DEADLINE));
                started++;
            }
        }
        return started;
    }

    /** Escalates, and records, the conflicts due at {@code now}: at most {@code limit}, earliest first. */
    public static List<ConflictChange> escalateDue(ConflictStore conflicts, Instant now, String escalateTo, int limit) {
        List<ConflictChange> escalated = new ArrayList<>();
        for (StoredConflict due : conflicts.dueForEscalation(now, limit)) {
            ConflictChange change = new ConflictChange.Transition(new ConflictEscalated(due.id(), due.lastDetected().calendarId(),
                    escalateTo, REASON, ACTOR, now, true), ConflictStatus.ESCALATED, due.version() + 1);
            conflicts.record(change);
            escalated.add(change);
        }
        return escalated;
    }
}
