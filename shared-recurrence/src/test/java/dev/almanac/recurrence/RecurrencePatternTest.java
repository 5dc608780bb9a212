package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import dev.almanac.recurrence.RecurrencePattern.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecurrencePatternTest {

    /** A Wednesday. */
    private static final LocalDateTime START = LocalDateTime.parse("2026-01-14T18:30:00");

    @Test
    void specificationsExampleIsWeeklyOnMondayWednesdayAndFridayUntilItsEndDate() {
        RecurrencePattern example = new RecurrencePattern(Type.WEEKLY, 1,
                Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), null, Instant.parse("2026-12-31T23:59:59Z"), null);

        assertThat(example.toRRule(START)).contains("FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959Z");
        RRuleSchedule schedule = example.toSchedule(START).orElseThrow();
        assertThat(schedule.isFinite()).isTrue();
        assertThat(wallClock(schedule, 4)).extracting(LocalDateTime::toString)
                .containsExactly("2026-01-14T18:30", "2026-01-16T18:30", "2026-01-19T18:30", "2026-01-21T18:30");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DAILY   | 1 | -     | -  | -  | FREQ=DAILY
            DAILY   | 2 | MO,FR | -  | -  | FREQ=DAILY;INTERVAL=2;BYDAY=MO,FR
            WEEKLY  | 2 | -     | -  | 10 | FREQ=WEEKLY;INTERVAL=2;COUNT=10
            MONTHLY | 1 | -     | -  | -  | FREQ=MONTHLY;BYMONTHDAY=14
            MONTHLY | 3 | -     | 31 | 12 | FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31;COUNT=12
            MONTHLY | 1 | FR    | 13 | -  | FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR
            YEARLY  | 1 | -     | -  | -  | FREQ=YEARLY
            YEARLY  | 5 | -     | 1  | -  | FREQ=YEARLY;INTERVAL=5;BYMONTH=1;BYMONTHDAY=1
            """)
    void eachTypeReadsAsItsRule(Type type, int interval, String days, Integer dayOfMonth, Integer count, String rule) {
        Set<DayOfWeek> daysOfWeek = days == null ? Set.of() : Set.copyOf(List.of(days.split(",")).stream().map(RecurrencePatternTest::day).toList());

        RecurrencePattern pattern = new RecurrencePattern(type, interval, daysOfWeek, dayOfMonth, null, count);

        assertThat(pattern.toRRule(START)).contains(rule);
        assertThat(pattern.toSchedule(START)).isPresent();
    }

    @Test
    void monthlyOnTheThirtyFirstSkipsShorterMonthsAsRfc5545Has() {
        RRuleSchedule schedule = new RecurrencePattern(Type.MONTHLY, 1, Set.of(), 31, null, null).toSchedule(START).orElseThrow();

        assertThat(wallClock(schedule, 4)).extracting(time -> time.toLocalDate().toString())
                .containsExactly("2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31");
    }

    @Test
    void noneIsNoRecurrence() {
        assertThat(new RecurrencePattern(Type.NONE, 1, Set.of(), null, null, null).toRRule(START)).isEmpty();
        assertThat(new RecurrencePattern(Type.NONE, 1, Set.of(), null, null, null).toSchedule(START)).isEmpty();
    }

    @Test
    void rejectsWhatHasNoRuleOrContradictsRfc5545() {
        assertThatThrownBy(() -> new RecurrencePattern(Type.CUSTOM, 1, Set.of(), null, null, null).toRRule(START))
                .isInstanceOf(InvalidRRuleException.class)
                .hasMessage("a CUSTOM recurrence pattern has no rule of its own; give it as an RRULE");
        assertThatThrownBy(() -> new RecurrencePattern(Type.DAILY, 0, Set.of(), null, null, null).toRRule(START))
                .hasMessage("the interval of a recurrence pattern must be at least 1 but was 0");
        assertThatThrownBy(() -> new RecurrencePattern(Type.MONTHLY, 1, Set.of(), 32, null, null).toRRule(START))
                .hasMessage("the day of month of a recurrence pattern must be 1 to 31 but was 32");
        assertThatThrownBy(() -> new RecurrencePattern(Type.DAILY, 1, Set.of(), null, Instant.parse("2026-12-31T00:00:00Z"), 3).toRRule(START))
                .hasMessage("a recurrence pattern ends by an end date or by an occurrence count, not both (RFC 5545 UNTIL or COUNT)");
    }

    @Test
    void anEndDateBeforeTheStartNeverFires() {
        RecurrencePattern ended = new RecurrencePattern(Type.DAILY, 1, Set.of(), null, Instant.parse("2025-12-31T00:00:00Z"), null);

        assertThatThrownBy(() -> ended.toSchedule(START))
                .isInstanceOf(InvalidRRuleException.class)
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(InvalidScheduleException.Problem.NEVER_FIRES);
    }

    private static DayOfWeek day(String code) {
        return List.of(DayOfWeek.values()).get(List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU").indexOf(code));
    }

    private static List<LocalDateTime> wallClock(RRuleSchedule schedule, int count) {
        WallClockCursor cursor = schedule.plan().cursor(START.toEpochSecond(ZoneOffset.UTC), Long.MAX_VALUE - 1);
        List<LocalDateTime> times = new java.util.ArrayList<>();
        while (times.size() < count) {
            times.add(LocalDateTime.ofEpochSecond(cursor.next(), 0, ZoneOffset.UTC));
        }
        return times;
    }
}
