package dev.almanac.commands.calendar;

import java.util.Optional;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Loads the calendar aggregate inside the current unit of work: a consistent read, not a projection. */
class EventSourcedCalendars implements Calendars {

    private final Repository<Calendar> repository;

    EventSourcedCalendars(Repository<Calendar> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<CalendarTerms> find(CalendarId calendarId) {
        try {
            Aggregate<Calendar> calendar = repository.load(StoreIds.calendar(calendarId));
            return Optional.of(calendar.invoke(Calendar::terms));
        } catch (AggregateNotFoundException missing) {
            return Optional.empty();
        }
    }
}
