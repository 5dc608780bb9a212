package dev.almanac.commands.calendar;

import java.util.Optional;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Loads the calendar aggregate inside the current unit of work: a consistent read, not a projection. */
@Component
class EventSourcedCalendars implements Calendars {

    private final Repository<Calendar> repository;

    EventSourcedCalendars(Repository<Calendar> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<CalendarTerms> find(CalendarId calendarId) {
        try {
            return Optional.of(repository.load(StoreIds.calendar(calendarId)).invoke(Calendar::terms));
        } catch (AggregateNotFoundException missing) {
            return Optional.empty();
        }
    }
}
