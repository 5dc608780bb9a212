package dev.almanac.conflicts.entry;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.events.calendar.CalendarId;

/** An entry as the store holds it: where it is, and the aggregate version of the fact that put it there. */
public record StoredEntry(CalendarId calendarId, Entry entry, long version) {
}
