package dev.almanac.commands.calendar;

import java.util.Optional;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Replays a calendar's events from the event store: a consistent read, not a projection, and one that takes no lock. */
class EventSourcedCalendars {

    private final EventStore eventStore;

    EventSourcedCalendars(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Optional<CalendarTerms> find(CalendarId calendarId) {
        try {
            return Calendar.replay(eventStore.readEvents(StoreIds.calendar(calendarId))).map(Calendar::terms);
        } catch (AggregateNotFoundException missing) {
            // Some event stores answer an unknown aggregate with an empty stream, others with this.
            return Optional.empty();
        }
    }
}
