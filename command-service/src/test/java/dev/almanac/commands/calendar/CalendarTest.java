package dev.almanac.commands.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Optional;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;

class CalendarTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private FixtureConfiguration<Calendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Calendar.class);
    }

    @Test
    void createsACalendarWithItsZoneAndCapacity() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.BLOCK))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.BLOCK));
    }

    @Test
    void refusesACapacityBelowOne() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 0, OverbookingPolicy.BLOCK))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("capacity must be between 1 and 10000 but was 0");
    }

    @Test
    void refusesACapacityAboveTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 10_001, OverbookingPolicy.BLOCK))
                .expectNoEvents()
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("capacity must be between 1 and 10000 but was 10001");
    }

    /** Other aggregates read a calendar's terms through {@link Calendars}, which rebuilds it from its events. */
    @Test
    void exposesItsTermsAfterItsEventsAreReplayed() {
        fixture.given(new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.STAFF, NEW_YORK, 3, OverbookingPolicy.ALLOW));

        assertThat(find(new EventSourcedCalendars(fixture.getRepository()), BALLROOM))
                .contains(new CalendarTerms(BALLROOM, NEW_YORK, 3, OverbookingPolicy.ALLOW));
    }

    @Test
    void aCalendarWithoutEventsHasNoTerms() {
        fixture.givenNoPriorActivity();

        assertThat(find(new EventSourcedCalendars(fixture.getRepository()), BALLROOM)).isEmpty();
    }

    private static Optional<CalendarTerms> find(Calendars calendars, CalendarId id) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> calendars.find(id)).getPayload();
    }
}
