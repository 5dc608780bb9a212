package dev.almanac.conflicts.detection;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;

/** What conflict detection needs to know about a calendar: how many entries it holds at once, and what it books. */
public record CalendarProfile(CalendarId id, CalendarType type, int capacity) {

    public CalendarProfile {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
    }

    /** SCH-011..013: the calendar's type names the kind of clash. */
    public ConflictType conflictType() {
        return switch (type) {
            case VENUE -> ConflictType.VENUE_CONFLICT;
            case STAFF -> ConflictType.STAFF_CONFLICT;
            case EQUIPMENT -> ConflictType.EQUIPMENT_CONFLICT;
            case MASTER, DEPARTMENT, QUEUE -> ConflictType.TIME_OVERLAP;
        };
    }

    /**
     * SCH-011..013: a double-booked venue is critical, anything else moderate. SCH-012's
     * "minor when the staff member is only secondary" needs resource roles, which entries do
     * not carry yet.
     */
    public ConflictLevel conflictLevel() {
        return type == CalendarType.VENUE ? ConflictLevel.CRITICAL : ConflictLevel.MODERATE;
    }

    /** The event that announces {@code breach} on this calendar. */
    public ConflictDetected describe(Breach breach) {
        return new ConflictDetected(breach.id(), id, conflictType(), conflictLevel(),
                breach.window().start(), breach.window().end(), capacity, breach.peakConcurrency(),
                breach.entries().stream().map(Entry::asConflicting).toList());
    }
}
