package dev.almanac.events.run;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** An executor started a run at {@code startedAt}, by its own clock. */
public record RunStarted(
        RunId runId,
        CalendarId calendarId,
        EntryKind entryKind,
        String entryId,
        int attempt,
        Instant startedAt,
        @Nullable String executor) implements RunEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }
}
