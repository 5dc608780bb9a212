package dev.almanac.events.conflict;

import java.time.Instant;
import java.util.List;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * More entries than the calendar's capacity overlap during {@code [start, end)}. The id is
 * derived from the calendar and the set of entries, so the same clash always has the same id.
 * Published again, with a higher version, when the clash's window or entries' times change.
 */
public record ConflictDetected(
        ConflictId conflictId,
        CalendarId calendarId,
        ConflictType type,
        ConflictLevel level,
        Instant start,
        Instant end,
        int capacity,
        int peakConcurrency,
        List<ConflictingEntry> entries) implements ConflictEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    public ConflictDetected {
        entries = List.copyOf(entries);
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
