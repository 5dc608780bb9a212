package dev.almanac.events.dispatch;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#DISPATCH}, published by the dispatcher in Kafka transactions and keyed by
 * calendar id: a consumer reading {@code read_committed} sees each one exactly once. Besides the attempts due, what
 * the dispatcher decided from its rules' options and run reports: occurrences skipped or buffered beyond
 * {@code max_concurrent}, attempts timed out, retries scheduled and retries exhausted; and reminders due (ADR 0079). The hierarchy is closed:
 * a consumer decides each type through {@link Handler}, and a new type added here fails to compile in every
 * consumer until it decides what to do with it.
 */
public sealed interface DispatchEvent extends AlmanacEvent permits OccurrenceDue, DispatchMisfired, OccurrenceSkipped,
        OccurrenceBuffered, RunTimedOut, RetryScheduled, RetriesExhausted, ReminderDue {

    CalendarId calendarId();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return calendarId().value();
    }

    /** One method per event type of {@value Topics#DISPATCH}. */
    interface Handler<R> {

        R on(OccurrenceDue event, EventMetadata envelope);

        R on(DispatchMisfired event, EventMetadata envelope);

        R on(OccurrenceSkipped event, EventMetadata envelope);

        R on(OccurrenceBuffered event, EventMetadata envelope);

        R on(RunTimedOut event, EventMetadata envelope);

        R on(RetryScheduled event, EventMetadata envelope);

        R on(RetriesExhausted event, EventMetadata envelope);

        R on(ReminderDue event, EventMetadata envelope);
    }
}
