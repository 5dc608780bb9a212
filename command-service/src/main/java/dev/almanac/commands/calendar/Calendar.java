package dev.almanac.commands.calendar;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;

@Aggregate
public class Calendar {

    static final int MAX_CAPACITY = 10_000;

    @AggregateIdentifier
    private String storeId;
    private CalendarId calendarId;
    private CalendarTerms terms;

    protected Calendar() {
        // For Axon, which rebuilds the calendar from its events.
    }

    @CommandHandler
    public Calendar(CreateCalendar command) {
        if (command.capacity() < 1 || command.capacity() > MAX_CAPACITY) {
            throw CommandRejectedException.invalid("capacity", "range",
                    "capacity must be between 1 and " + MAX_CAPACITY + " but was " + command.capacity());
        }
        apply(command.toEvent());
    }

    @EventSourcingHandler
    void on(CalendarCreated created) {
        storeId = StoreIds.calendar(created.calendarId());
        calendarId = created.calendarId();
        terms = new CalendarTerms(created.calendarId(), created.timezone(), created.capacity(), created.overbookingPolicy());
    }

    public CalendarTerms terms() {
        return terms;
    }

    public CalendarId calendarId() {
        return calendarId;
    }
}
