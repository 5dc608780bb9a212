package dev.almanac.events.conflict;

import org.jspecify.annotations.Nullable;

/**
 * Where a conflict stands (SCH-LIFECYCLE), as every reader of
 * {@code almanac.conflicts.v1} folds it from the events in their order:
 * <ul>
 *   <li>{@link ConflictDetected} opens a conflict as {@link #DETECTED}. Published again while the clash
 *       holds without a break (its window or entries' times changed), it keeps the status; after the
 *       clash had cleared, it opens the conflict again as {@link #DETECTED}, whatever it was before.</li>
 *   <li>{@link ConflictEscalated}, {@link ConflictResolved} and {@link ConflictDismissed} set
 *       {@link #ESCALATED}, {@link #RESOLVED} and {@link #DISMISSED}.</li>
 *   <li>{@link ConflictCleared} closes an open conflict as {@link #CLEARED}; a resolved or dismissed one
 *       keeps its status, since a person's decision is the better record of how it ended.</li>
 * </ul>
 * The source's UnderReview is not used (SCH-LIFECYCLE): no command puts a conflict under review, and escalation is how
 * a conflict is handed to someone.
 */
public enum ConflictStatus {
    DETECTED,
    ESCALATED,
    RESOLVED,
    DISMISSED,
    CLEARED;

    /**
     * The status after a {@link ConflictDetected}.
     *
     * @param before     the status before it, or null for a conflict not seen yet
     * @param clashHeld  whether the clash held until this detection (no {@link ConflictCleared} since the last detection)
     */
    public static ConflictStatus afterDetection(@Nullable ConflictStatus before, boolean clashHeld) {
        return before == null || !clashHeld ? DETECTED : before;
    }

    /** The status after a {@link ConflictCleared}. */
    public static ConflictStatus afterClearance(@Nullable ConflictStatus before) {
        return before == RESOLVED || before == DISMISSED ? before : CLEARED;
    }
}
