package dev.almanac.conflicts.entry;

import java.util.List;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ResourceBooking;

/**
 * An entry as the store holds it: where it is, the resources it books, and the aggregate version
 * of the fact that put it there. A withdrawn entry (a cancelled item, a retracted occurrence) is only
 * a version guard: it holds no place on its calendar, {@code entry} is the interval it left, and
 * {@code bookings} are the resources it booked, which an undone cancellation books again.
 */
public record StoredEntry(CalendarId calendarId, Entry entry, long version, boolean withdrawn, List<ResourceBooking> bookings) {

    public StoredEntry {
        bookings = List.copyOf(bookings);
    }

    public StoredEntry(CalendarId calendarId, Entry entry, long version) {
        this(calendarId, entry, version, false, List.of());
    }

    public StoredEntry(CalendarId calendarId, Entry entry, long version, boolean withdrawn) {
        this(calendarId, entry, version, withdrawn, List.of());
    }
}
