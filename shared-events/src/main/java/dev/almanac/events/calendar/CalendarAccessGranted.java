package dev.almanac.events.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * {@code userId} now has {@code role} on the calendar, in place of any role granted before. The
 * first grant closes an open calendar to everyone without one ({@link CalendarAccess}).
 */
public record CalendarAccessGranted(CalendarId calendarId, UserId userId, CalendarRole role, @Nullable String reason)
        implements CalendarEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return calendarId.value();
    }
}
