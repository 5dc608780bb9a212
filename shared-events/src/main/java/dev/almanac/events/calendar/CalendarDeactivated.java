package dev.almanac.events.calendar;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A calendar no longer takes new items or rules. What it holds stays on it, and stays visible:
 * deactivating is not deleting.
 */
public record CalendarDeactivated(CalendarId calendarId, @Nullable String reason) implements CalendarEvent {

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
        return calendarId.value();
    }
}
