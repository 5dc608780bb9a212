package dev.almanac.events.conflict;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ResourceRole;

/**
 * How an entry of a resource conflict books the resource: the calendar the entry is on, and the
 * part the resource plays in it (SCH-012: a double-booked primary staff member weighs more than a
 * secondary one).
 */
public record ConflictBooking(EntryKind kind, String entryId, CalendarId calendarId, ResourceRole role) {
}
