package dev.almanac.events.run;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#RUNS}, keyed by the calendar of the entry that ran, so that a
 * calendar's runs stay in order with its entries. The hierarchy is closed: a consumer decides each
 * type through {@link Handler}, and a new type added here fails to compile in every consumer
 * until it decides what to do with it.
 */
public sealed interface RunEvent extends AlmanacEvent permits RunStarted, RunSucceeded, RunFailed {

    RunId runId();

    CalendarId calendarId();

    EntryKind entryKind();

    String entryId();

    /** 1 for the first attempt at the entry, 2 for its first retry, and so on. */
    int attempt();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return calendarId().value();
    }

    @Override
    default String subject() {
        return runId().value();
    }

    /** One method per event type of {@value Topics#RUNS}. */
    interface Handler<R> {

        R on(RunStarted event, EventMetadata envelope);

        R on(RunSucceeded event, EventMetadata envelope);

        R on(RunFailed event, EventMetadata envelope);
    }
}
