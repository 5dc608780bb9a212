package dev.almanac.events.run;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** A run finished well at {@code finishedAt}; a run that was never reported started may finish at once. */
public record RunSucceeded(
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
