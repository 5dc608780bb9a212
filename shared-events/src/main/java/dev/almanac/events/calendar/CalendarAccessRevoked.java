package dev.almanac.events.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * {@code userId}'s grant on the calendar is withdrawn. Revoking the last grant opens the calendar
 * again ({@link CalendarAccess}).
 */
public record CalendarAccessRevoked(CalendarId calendarId, UserId userId, @Nullable String reason) implements CalendarEvent {

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
