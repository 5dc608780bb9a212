package dev.almanac.conflicts.detection;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.schedule.ResourceRole;

/** An entry's booking of a resource: the entry, the calendar it is on, and the part the resource plays in it. */
public record Booking(Entry entry, CalendarId calendarId, ResourceRole role) {

    public EntryKey key() {
        return entry.key();
    }

    public ConflictBooking asConflicting() {
        return new ConflictBooking(entry.key().kind(), entry.key().id(), calendarId, role);
    }
}
