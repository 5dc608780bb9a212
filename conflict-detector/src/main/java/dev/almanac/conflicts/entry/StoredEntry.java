package dev.almanac.conflicts.entry;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.events.calendar.CalendarId;

/**
 * An entry as the store holds it: where it is, and the aggregate version of the fact that put it
 * there. A withdrawn entry (a cancelled item, a retracted occurrence) is only a version guard: it holds no place on its
 * calendar, and {@code entry} is the interval it left.
 */
public record StoredEntry(CalendarId calendarId, Entry entry, long version, boolean withdrawn) {

    public StoredEntry(CalendarId calendarId, Entry entry, long version) {
        this(calendarId, entry, version, false);
    }
}
