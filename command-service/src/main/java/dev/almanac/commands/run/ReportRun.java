package dev.almanac.commands.run;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.EntryKind;
import dev.almanac.events.run.RunId;

/** One executor's report on one run: it started, succeeded or failed {@code at}, by the executor's clock. */
public record ReportRun(
        RunId runId,
        CalendarId calendarId,
        EntryKind entryKind,
        String entryId,
        int attempt,
        RunStatus status,
        Instant at,
        @Nullable String executor,
        @Nullable String message) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.run(runId);
    }
}
