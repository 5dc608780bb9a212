package dev.almanac.events.conflict;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.calendar.CalendarId;

/** A detected conflict no longer holds: its entries no longer exceed the calendar's capacity together. */
public record ConflictCleared(ConflictId conflictId, CalendarId calendarId, String reason) implements AlmanacEvent {

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return conflictId.value();
    }
}
