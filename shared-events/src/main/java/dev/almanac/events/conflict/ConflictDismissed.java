package dev.almanac.events.conflict;

import java.time.Instant;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Someone decided at {@code dismissedAt} that the conflict needs no action, and why. The dismissal
 * holds while the clash holds; once it clears and the same clash occurs again, the conflict is
 * detected afresh.
 */
public record ConflictDismissed(
        ConflictId conflictId,
        CalendarId calendarId,
        String dismissedBy,
        String reason,
        Instant dismissedAt) implements ConflictEvent {

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
