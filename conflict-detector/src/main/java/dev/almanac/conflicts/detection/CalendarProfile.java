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
     * SCH-011..013: a venue calendar over its capacity is critical, anything else moderate. A
     * calendar's entries carry no role; SCH-012's roles apply to the resources they book
     * ({@link ResourceProfile}).
     */
    public ConflictLevel conflictLevel() {
        return type == CalendarType.VENUE ? ConflictLevel.CRITICAL : ConflictLevel.MODERATE;
    }

    /** The event that announces {@code breach} on this calendar: an SCH-022 warning is minor, whatever the calendar. */
    public ConflictDetected describe(Breach breach) {
        boolean warning = breach.warning();
        return new ConflictDetected(breach.id(), id, warning ? ConflictType.CAPACITY_WARNING : conflictType(),
                warning ? ConflictLevel.MINOR : conflictLevel(), breach.window().start(), breach.window().end(), capacity,
                breach.peakConcurrency(), breach.entries().stream().map(Entry::asConflicting).toList());
    }

    /** Why a conflict of this calendar no longer holds, given its capacity now. */
    public String noLongerHolds(ConflictDetected cleared) {
        if (cleared.type() == ConflictType.CAPACITY_WARNING) {
            return capacity == 1 ? "a calendar of capacity 1 has no SCH-022 warnings: a second entry is a breach"
                    : "its entries no longer hold 80 % of the calendar's capacity of " + capacity + " or more (SCH-022)";
        }
        return capacity == 1 ? "entries no longer overlap" : "entries no longer exceed the calendar's capacity of " + capacity;
    }
}
