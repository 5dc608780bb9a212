package dev.almanac.events.conflict;

/**
 * What kind of breach a conflict is (SCH-CONFLICT-TYPES, widened).
 * <ul>
 *   <li>{@link #TIME_OVERLAP}, {@link #VENUE_CONFLICT}, {@link #STAFF_CONFLICT}, {@link #EQUIPMENT_CONFLICT}: more
 *       entries than a calendar's capacity at once, named by the calendar's type; or, with a {@code resource_id},
 *       a venue, staff member or piece of equipment booked by two entries at once.</li>
 *   <li>{@link #RESOURCE_CONFLICT}: a resource of type {@code other} booked by two entries at once.</li>
 *   <li>{@link #RESOURCE_UNAVAILABLE}: an entry books a resource during a range it was marked unavailable.</li>
 *   <li>{@link #CAPACITY_WARNING}: a calendar holds 80 % of its capacity or more at once (SCH-022); a breach of
 *       its capacity lies inside one. Calendars of capacity 1 have none.</li>
 *   <li>{@link #ORPHANED_LINK}: a linked pair (LNK-ORPHAN) whose follower no longer moves with its primary: the
 *       primary was cancelled or moved without it, or the follower is cancelled or missing (ADR 0061).</li>
 * </ul>
 */
public enum ConflictType {
    TIME_OVERLAP,
    VENUE_CONFLICT,
    STAFF_CONFLICT,
    EQUIPMENT_CONFLICT,
    RESOURCE_CONFLICT,
    RESOURCE_UNAVAILABLE,
    CAPACITY_WARNING,
    ORPHANED_LINK
}
