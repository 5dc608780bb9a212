package dev.almanac.events.run;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** A run failed at {@code finishedAt}; {@code message} says why, as the executor put it. */
public record RunFailed(
        RunId runId,
        CalendarId calendarId,
        EntryKind entryKind,
        String entryId,
        int attempt,
        Instant finishedAt,
        @Nullable String executor,
        @Nullable String message) implements RunEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }
}
