package dev.almanac.conflicts.detection;

import static dev.almanac.conflicts.testing.Entries.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.almanac.events.EntryKind;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;

class CalendarProfileTest {

    private static final CalendarId CALENDAR = CalendarId.of("cal-profile");

    @ParameterizedTest(name = "a {0} calendar has {1} conflicts of level {2}")
    @CsvSource({
            "VENUE, VENUE_CONFLICT, CRITICAL",
            "STAFF, STAFF_CONFLICT, MODERATE",
            "EQUIPMENT, EQUIPMENT_CONFLICT, MODERATE",
            "MASTER, TIME_OVERLAP, MODERATE",
            "DEPARTMENT, TIME_OVERLAP, MODERATE"})
    void theCalendarTypeDecidesTheKindAndLevelOfItsConflicts(CalendarType type, ConflictType conflictType, ConflictLevel level) {
        CalendarProfile calendar = new CalendarProfile(CALENDAR, type, 1);

        assertThat(calendar.conflictType()).isEqualTo(conflictType);
        assertThat(calendar.conflictLevel()).isEqualTo(level);
    }

    @Test
    void describesABreachAsTheEventThatAnnouncesIt() {
        CalendarProfile calendar = new CalendarProfile(CALENDAR, CalendarType.VENUE, 1);
        Entry review = item("review", "15:00", "16:00");
        Entry gala = item("gala", "15:30", "18:00");
        Breach breach = CapacityBreaches.find(CALENDAR, 1, List.of(review, gala)).get(0);

        ConflictDetected event = calendar.describe(breach);

        assertThat(event.conflictId()).isEqualTo(breach.id());
        assertThat(event.calendarId()).isEqualTo(CALENDAR);
        assertThat(event.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
        assertThat(event.level()).isEqualTo(ConflictLevel.CRITICAL);
        assertThat(event.start()).isEqualTo(breach.window().start());
        assertThat(event.end()).isEqualTo(breach.window().end());
        assertThat(event.capacity()).isEqualTo(1);
        assertThat(event.peakConcurrency()).isEqualTo(2);
        assertThat(event.entries()).extracting(entry -> entry.kind() + "/" + entry.entryId() + "/" + entry.title())
                .containsExactly(EntryKind.ITEM + "/gala/Item gala", EntryKind.ITEM + "/review/Item review");
        assertThat(event.entries().get(0).start()).isEqualTo(gala.time().start());
        assertThat(event.entries().get(0).end()).isEqualTo(gala.time().end());
    }

    @Test
    void aCalendarHoldsAtLeastOneEntry() {
        assertThatThrownBy(() -> new CalendarProfile(CALENDAR, CalendarType.STAFF, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
