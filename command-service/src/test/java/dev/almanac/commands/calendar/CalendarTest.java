package dev.almanac.commands.calendar;

import java.time.ZoneId;

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
    void exposesItsTermsAfterItsEventsAreReplayed() {
        fixture.given(new CalendarCreated(BALLROOM, "Grand Ballroom", CalendarType.VENUE, NEW_YORK, 3, OverbookingPolicy.ALLOW))
                .when(new CreateCalendar(BALLROOM, "Again", CalendarType.VENUE, NEW_YORK, 3, OverbookingPolicy.ALLOW))
                .expectException(Exception.class);
    }
}
