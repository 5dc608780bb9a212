package dev.almanac.events.conflict;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Someone resolved the conflict at {@code resolvedAt} by {@code method}. A resolved conflict takes no
 * further transition; its clash may still hold (an override) or clear later, which does not change
 * its status. {@code note} is required for {@link ResolutionMethod#OVERRIDE_APPLIED} (SCH-024).
 */
public record ConflictResolved(
        ConflictId conflictId,
        CalendarId calendarId,
        ResolutionMethod method,
        String resolvedBy,
        @Nullable String note,
        Instant resolvedAt) implements ConflictEvent {

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
