package dev.almanac.events.conflict;

/**
 * What is wrong with an orphaned link ({@link ConflictLink}): why its follower no longer moves with
 * its primary as the link says.
 * <ul>
 *   <li>{@link #PRIMARY_CANCELLED}: the follower is on its calendar, its primary was cancelled.</li>
 *   <li>{@link #OFFSET_BROKEN}: both are on their calendars, but the follower no longer starts the
 *       link's offset after its primary: one of them moved without the other.</li>
 *   <li>{@link #FOLLOWER_CANCELLED}: the primary is on its calendar, its follower was cancelled.</li>
 *   <li>{@link #FOLLOWER_MISSING}: the primary leads the follower, which does not follow it (it was
 *       unlinked on its side only, or its side was never seen).</li>
 *   <li>{@link #PRIMARY_MISSING}: the follower follows the primary, which does not lead it.</li>
 *   <li>{@link #OFFSETS_DIFFER}: both sides say they are linked, with different offsets.</li>
 * </ul>
 */
public enum LinkProblem {
    PRIMARY_CANCELLED,
    OFFSET_BROKEN,
    FOLLOWER_CANCELLED,
    FOLLOWER_MISSING,
    PRIMARY_MISSING,
    OFFSETS_DIFFER
}
