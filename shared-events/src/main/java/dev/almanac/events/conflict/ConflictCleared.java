package dev.almanac.events.conflict;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** A detected conflict no longer holds; {@code reason} says what changed and which fact changed it. */
public record ConflictCleared(ConflictId conflictId, CalendarId calendarId, String reason) implements ConflictEvent {

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
        return conflictId.value();
    }
}
