package dev.almanac.events.conflict;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * The conflict was handed to {@code escalatedTo} at {@code escalatedAt}, with the reason. An
 * {@code automatic} escalation is conflict-detector's own: a critical or severe conflict still
 * detected 24 hours after it was opened (SCH-015), escalated by {@code conflict-detector}.
 */
public record ConflictEscalated(
        ConflictId conflictId,
        CalendarId calendarId,
        String escalatedTo,
        String reason,
        String escalatedBy,
        Instant escalatedAt,
        boolean automatic) implements ConflictEvent {

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
