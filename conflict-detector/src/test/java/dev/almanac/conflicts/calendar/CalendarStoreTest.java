package dev.almanac.conflicts.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.platform.testing.InMemoryMongo;

class CalendarStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CalendarStore calendars;

    @BeforeEach
    void freshStore() {
        calendars = new CalendarStore(InMemoryMongo.freshDatabase());
    }

    @Test
    void keepsTheCapacityAndTypeOfACreatedCalendar() {
        CalendarCreated created = EventSamples.calendarCreated();

        calendars.save(created, 0).block(TIMEOUT);

        assertThat(calendars.find(created.calendarId()).block(TIMEOUT))
                .isEqualTo(new CalendarProfile(created.calendarId(), CalendarType.VENUE, 1));
    }

    @Test
    void ignoresAnOlderVersionOfACalendar() {
        CalendarCreated created = EventSamples.calendarCreated();
        calendars.save(created, 2).block(TIMEOUT);
        CalendarCreated older = new CalendarCreated(created.calendarId(), created.name(), CalendarType.STAFF,
                created.timezone(), 5, created.overbookingPolicy());

        boolean applied = calendars.save(older, 1).block(TIMEOUT);

        assertThat(applied).isFalse();
        assertThat(calendars.find(created.calendarId()).block(TIMEOUT).capacity()).isEqualTo(1);
    }

    @Test
    void anUnknownCalendarIsNotFound() {
        assertThat(calendars.find(CalendarId.of("cal-unknown")).blockOptional(TIMEOUT)).isEmpty();
    }
}
