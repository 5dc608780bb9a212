package dev.almanac.events.calendar;

/**
 * What a user may do on one calendar (DEP-SHARING's permission levels, SCH-ROLES' roles). Each role
 * includes the ones before it.
 */
public enum CalendarRole {
    /**
     * Sees only when the calendar is busy (ADR 0096): its free/busy and free slots, and its entries as busy blocks with
     * no title, tags, metadata, attachments, owner or rule details. Writes nothing.
     */
    FREEBUSY,
    /** Reads the calendar and its entries. */
    VIEWER,
    /** Also schedules, moves, confirms, cancels and undoes items on it. */
    SCHEDULER,
    /**
     * Also changes the calendar, grants and revokes access, overrides its capacity (SCH-021),
     * changes items within 2 hours of their start (SCH-005), and resolves, escalates and
     * dismisses its conflicts.
     */
    MANAGER;

    public boolean includes(CalendarRole other) {
        return compareTo(other) >= 0;
    }

    /** Whether the role reads what is on the calendar in full, not only when it is busy: viewer or more. */
    public boolean readsDetails() {
        return includes(VIEWER);
    }

    /** The higher of this role and {@code other}: what a change needing both needs. */
    public CalendarRole atLeast(CalendarRole other) {
        return includes(other) ? this : other;
    }

    /** The role of a wire name, as {@link #wireName()} writes it. */
    public static CalendarRole ofWire(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** The wire name, as in {@code "role": "manager"}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
