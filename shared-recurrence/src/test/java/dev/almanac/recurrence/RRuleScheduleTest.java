package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.InvalidScheduleException.Problem;
import net.fortuna.ical4j.model.Recur;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RRuleScheduleTest {

    private static final LocalDateTime MARCH_FIRST_NINE = LocalDateTime.parse("2026-03-01T09:00:00");

    @Test
    void lastFridayOfEveryMonthFromADtstartThatIsNotOneOfThem() {
        RRuleSchedule lastFridays = RRuleSchedule.of("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"));

        // 1 December 2026 is a Tuesday: DTSTART starts the series but is no instance of it.
        assertThat(wallClock(lastFridays, "2026-11-01T00:00", 4)).containsExactly(
                LocalDateTime.parse("2026-12-25T10:00"), LocalDateTime.parse("2027-01-29T10:00"),
                LocalDateTime.parse("2027-02-26T10:00"), LocalDateTime.parse("2027-03-26T10:00"));
        assertThat(lastFridays.description()).isEqualTo("monthly on the last Friday at 10:00, from 2026-12-01T10:00");
        assertThat(lastFridays.isFinite()).isFalse();
    }

    @Test
    void countCountsInstancesFromDtstartAndThenTheRuleIsExhausted() {
        RecurrenceSpec fiveDays = spec(RRuleSchedule.of("FREQ=DAILY;COUNT=5", MARCH_FIRST_NINE), "UTC");

        assertThat(all(fiveDays, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")).extracting(Occurrence::nominalLocalTime)
                .containsExactly(IntStream.rangeClosed(1, 5).mapToObj(day -> MARCH_FIRST_NINE.withDayOfMonth(day)).toArray(LocalDateTime[]::new));
        assertThat(all(fiveDays, "2026-03-03T12:00:00Z", "2027-01-01T00:00:00Z")).hasSize(2);
        assertThat(RecurrenceExpander.last(fiveDays)).map(Occurrence::resolvedInstant).contains(Instant.parse("2026-03-05T09:00:00Z"));
        assertThat(RecurrenceExpander.isExhausted(fiveDays, Instant.parse("2026-03-05T08:59:59Z"))).isFalse();
        assertThat(RecurrenceExpander.isExhausted(fiveDays, Instant.parse("2026-03-05T09:00:00Z"))).isTrue();
        assertThat(RecurrenceExpander.next(fiveDays, Instant.parse("2026-03-05T09:00:00Z"))).isEmpty();
    }

    @Test
    void anExcludedInstanceStillCountsTowardsCount() {
        RRuleSchedule fiveDays = RRuleSchedule.of("FREQ=DAILY;COUNT=5", MARCH_FIRST_NINE,
                List.of(LocalDateTime.parse("2026-03-03T09:00")), List.of());

        assertThat(wallClock(fiveDays, "2026-03-01T00:00", 10)).extracting(LocalDateTime::getDayOfMonth).containsExactly(1, 2, 4, 5);
    }

    @Test
    void rdatesAddTimesThatCountAndUntilDoNotBound() {
        RRuleSchedule withExtras = RRuleSchedule.of("FREQ=DAILY;COUNT=2", MARCH_FIRST_NINE, List.of(),
                List.of(LocalDateTime.parse("2026-03-02T09:00"), LocalDateTime.parse("2026-03-02T15:30"), LocalDateTime.parse("2026-06-01T12:00")));

        assertThat(wallClock(withExtras, "2026-01-01T00:00", 10)).containsExactly(
                MARCH_FIRST_NINE, LocalDateTime.parse("2026-03-02T09:00"), LocalDateTime.parse("2026-03-02T15:30"),
                LocalDateTime.parse("2026-06-01T12:00"));
        assertThat(RecurrenceExpander.last(spec(withExtras, "UTC"))).map(Occurrence::nominalLocalTime)
                .contains(LocalDateTime.parse("2026-06-01T12:00"));
    }

    @Test
    void untilInUtcIsInclusiveAndComparedInTheRulesZone() {
        // 09:00 in New York in March before the switch is 14:00Z: the 5th is the last instance.
        RecurrenceSpec untilFifth = spec(RRuleSchedule.of("FREQ=DAILY;UNTIL=20260305T140000Z", MARCH_FIRST_NINE), "America/New_York");

        assertThat(all(untilFifth, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")).hasSize(5);
        assertThat(RecurrenceExpander.last(untilFifth)).map(Occurrence::resolvedInstant).contains(Instant.parse("2026-03-05T14:00:00Z"));
        assertThat(all(spec(RRuleSchedule.of("FREQ=DAILY;UNTIL=20260305T135959Z", MARCH_FIRST_NINE), "America/New_York"),
                "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({"FREQ=DAILY;UNTIL=20260305T090000, 5", "FREQ=DAILY;UNTIL=20260305T085959, 4", "FREQ=DAILY;UNTIL=20260305, 5"})
    void untilAsALocalTimeOrADateBoundsTheWallClock(String rule, int instances) {
        assertThat(wallClock(RRuleSchedule.of(rule, MARCH_FIRST_NINE), "2026-01-01T00:00", 100)).hasSize(instances);
    }

    @Test
    void lastWeekdayOfEachMonthBySetPosition() {
        RRuleSchedule lastWeekday = RRuleSchedule.of("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", LocalDateTime.parse("2026-03-01T17:00"));

        assertThat(wallClock(lastWeekday, "2026-03-01T00:00", 3)).containsExactly(
                LocalDateTime.parse("2026-03-31T17:00"), LocalDateTime.parse("2026-04-30T17:00"), LocalDateTime.parse("2026-05-29T17:00"));
    }

    @Test
    void negativeMonthDaysCountFromTheEndOfTheMonth() {
        assertThat(wallClock(RRuleSchedule.of("FREQ=MONTHLY;BYMONTHDAY=-1,1", MARCH_FIRST_NINE), "2026-03-01T00:00", 4))
                .extracting(LocalDateTime::toLocalDate).extracting(Object::toString)
                .containsExactly("2026-03-01", "2026-03-31", "2026-04-01", "2026-04-30");
    }

    @Test
    void byHourAndByMinuteExpandEachDayAndByMonthLimitsTheYear() {
        RRuleSchedule rule = RRuleSchedule.of("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;BYHOUR=9,17;BYMINUTE=0,30;BYMONTH=3,4", MARCH_FIRST_NINE);

        List<LocalDateTime> times = wallClock(rule, "2026-03-01T00:00", 24);

        // Every other week counted from DTSTART's week, which starts on Monday 23 February (WKST=MO).
        assertThat(times.subList(0, 8)).extracting(LocalDateTime::toString).containsExactly(
                "2026-03-09T09:00", "2026-03-09T09:30", "2026-03-09T17:00", "2026-03-09T17:30",
                "2026-03-13T09:00", "2026-03-13T09:30", "2026-03-13T17:00", "2026-03-13T17:30");
        assertThat(times).extracting(time -> time.toLocalDate().toString()).containsOnly(
                "2026-03-09", "2026-03-13", "2026-03-23", "2026-03-27", "2026-04-06", "2026-04-10");
    }

    @Test
    void weeksStartOnMondayWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : List.of(Locale.US, Locale.GERMANY, new Locale("ar", "EG"))) {
                Locale.setDefault(locale);
                // From Sunday 1 March, the first week (Monday 23 February to 1 March) has no instance left.
                assertThat(wallClock(RRuleSchedule.of("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", MARCH_FIRST_NINE), "2026-03-01T00:00", 2))
                        .as("in %s", locale).extracting(LocalDateTime::toString).containsExactly("2026-03-09T09:00", "2026-03-13T09:00");
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void sparseRuleThatIcal4jAloneGivesUpOnStillFiresEveryLeapDay() {
        RRuleSchedule leapDays = RRuleSchedule.of("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", MARCH_FIRST_NINE);

        assertThat(wallClock(leapDays, "2026-03-01T00:00", 3)).extracting(LocalDateTime::toString)
                .containsExactly("2028-02-29T09:00", "2032-02-29T09:00", "2036-02-29T09:00");
        // ical4j stops after 1,000 empty days in a row, fewer than lie between two leap days.
        assertThat(new Recur<LocalDateTime>("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29")
                .getDates(MARCH_FIRST_NINE, MARCH_FIRST_NINE, MARCH_FIRST_NINE.plusYears(12)))
                .extracting(LocalDateTime::toString).containsExactly("2028-02-29T09:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=8,12", "FREQ=DAILY;INTERVAL=3",
        "FREQ=HOURLY;INTERVAL=7", "FREQ=MINUTELY;INTERVAL=45;BYHOUR=1,2,3", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=TH",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-2TU;BYSETPOS=1,-1", "FREQ=YEARLY;BYYEARDAY=1,100,-1;BYHOUR=6", "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,SA"})
    void chunkedExpansionIsIcal4jsExpansionOfTheWholeWindow(String rule) {
        LocalDateTime dtstart = LocalDateTime.parse("2026-01-31T09:15:00");
        LocalDateTime from = LocalDateTime.parse("2026-06-01T00:00");
        LocalDateTime until = LocalDateTime.parse("2028-06-01T00:00");

        String withWeekStart = rule.contains("WKST") ? rule : rule + ";WKST=MO";
        List<LocalDateTime> ical4j = new Recur<LocalDateTime>(withWeekStart).getDates(dtstart, from, until.minusSeconds(1));
        assertThat(ical4j).isNotEmpty();
        assertThat(wallClock(RRuleSchedule.of(rule, dtstart), from, until)).isEqualTo(ical4j);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=HOURLY;INTERVAL=5             | 2026-03-01T17:00 | 2126-01-01T00:00 | PT5H
            FREQ=SECONDLY;INTERVAL=7           | 2026-03-01T17:00 | 2300-01-01T00:00 | PT7S
            FREQ=MINUTELY;INTERVAL=45          | 2026-03-01T17:00 | 4026-01-01T00:00 | PT45M
            FREQ=DAILY;INTERVAL=3              | 2026-03-01T17:00 | 5026-01-01T00:00 | P3D
            """)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void farFromDtstartEveryInstanceIsAWholeNumberOfIntervalsAfterIt(String rule, String dtstart, String from, Duration interval) {
        LocalDateTime start = LocalDateTime.parse(dtstart);

        List<LocalDateTime> far = wallClock(RRuleSchedule.of(rule, start), LocalDateTime.parse(from), LocalDateTime.parse(from).plusDays(3));

        assertThat(far).isNotEmpty().allSatisfy(time ->
                assertThat(ChronoUnit.SECONDS.between(start, time) % interval.toSeconds()).isZero());
        assertThat(far.get(0)).isBefore(LocalDateTime.parse(from).plus(interval).plusSeconds(1));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void farFromDtstartTheRuleKeepsTheDefaultsItTookFromDtstart() {
        // Monthly on the 31st (from DTSTART), every other week on DTSTART's weekday, hourly at DTSTART's minute.
        assertThat(wallClock(RRuleSchedule.of("FREQ=MONTHLY", LocalDateTime.parse("2026-01-31T10:00")), "2926-01-01T00:00", 4))
                .extracting(LocalDateTime::toString)
                .containsExactly("2926-01-31T10:00", "2926-03-31T10:00", "2926-05-31T10:00", "2926-07-31T10:00");
        List<LocalDateTime> fortnightly = wallClock(RRuleSchedule.of("FREQ=WEEKLY;INTERVAL=2", LocalDateTime.parse("2026-03-04T08:00")),
                "3026-01-01T00:00", 3);
        assertThat(fortnightly).allSatisfy(time -> {
            assertThat(time.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.WEDNESDAY);
            assertThat(ChronoUnit.DAYS.between(LocalDateTime.parse("2026-03-04T08:00"), time) % 14).isZero();
        });
        assertThat(wallClock(RRuleSchedule.of("FREQ=HOURLY", LocalDateTime.parse("2026-03-04T08:17:05")), "2300-01-01T00:00", 2))
                .extracting(LocalDateTime::toString).containsExactly("2300-01-01T00:17:05", "2300-01-01T01:17:05");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=MONTHLY;BYDAY=0FR                    | BYDAY=0FR: the ordinal in '0FR' must be 1 to 53, with an optional sign
            FREQ=WEEKLY;BYDAY=-1FR                    | BYDAY=-1FR: a weekday with an ordinal (such as -1FR) needs FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO
            FREQ=DAILY;INTERVAL=0                     | INTERVAL=0: expected a whole number of at least 1
            FREQ=MONTHLY;BYMONTHDAY=32                | BYMONTHDAY=32: '32' is outside ±1 to 31
            FREQ=DAILY;BYHOUR=24                      | BYHOUR=24: '24' is outside 0 to 23
            FREQ=DAILY;BYMINUTE=60                    | BYMINUTE=60: '60' is outside 0 to 59
            FREQ=DAILY;BYMONTH=+1                     | BYMONTH=+1: '+1' must not have a sign here
            FREQ=FORTNIGHTLY                          | FREQ=FORTNIGHTLY: FREQ is one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY
            FREQ=DAILY;FOO=1                          | FOO=1: unknown rule part
            FREQ=WEEKLY;BYDAY=MO,                     | BYDAY=MO,: '' is not a weekday
            FREQ=DAILY;UNTIL=2026-12-31               | UNTIL=2026-12-31: UNTIL is a date (20261231)
            FREQ=DAILY;FREQ=WEEKLY                    | FREQ=WEEKLY: FREQ may appear only once
            FREQ=WEEKLY;BYMONTHDAY=1                  | BYMONTHDAY=1: BYMONTHDAY must not be used with FREQ=WEEKLY
            FREQ=MONTHLY;BYWEEKNO=1                   | BYWEEKNO=1: BYWEEKNO must not be used with FREQ=MONTHLY
            FREQ=DAILY;BYSETPOS=1                     | BYSETPOS=1: BYSETPOS selects among the instances another BYxxx part gives
            FREQ=DAILY;                               | : a rule part is NAME=VALUE
            """)
    void rejectsAPartNamingIt(String rule, String problem) {
        assertThatThrownBy(() -> RRuleSchedule.of(rule, MARCH_FIRST_NINE))
                .isInstanceOf(InvalidRRuleException.class)
                .hasMessageStartingWith("invalid rrule '" + rule + "' in the part " + problem.substring(0, problem.indexOf(':')))
                .hasMessageContaining(problem)
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.INVALID_SYNTAX);
    }

    @Test
    void rejectsRulesWithoutFreqOrWithBothCountAndUntil() {
        assertThatThrownBy(() -> RRuleSchedule.of("BYDAY=MO", MARCH_FIRST_NINE)).hasMessage("invalid rrule 'BYDAY=MO': FREQ is required");
        assertThatThrownBy(() -> RRuleSchedule.of("FREQ=DAILY;COUNT=3;UNTIL=20261231", MARCH_FIRST_NINE))
                .hasMessage("invalid rrule 'FREQ=DAILY;COUNT=3;UNTIL=20261231': COUNT and UNTIL must not both be given");
        assertThatThrownBy(() -> RRuleSchedule.of("  ", MARCH_FIRST_NINE))
                .hasMessage("rrule is blank; expected rule parts such as FREQ=MONTHLY;BYDAY=-1FR");
    }

    @Test
    void rejectsDatesThatAreNotIsoLocalDateTimesOrHaveFractions() {
        assertThatThrownBy(() -> RRuleSchedule.parse("FREQ=DAILY", "2026-12-01 10:00", List.of(), List.of()))
                .hasMessage("dtstart '2026-12-01 10:00' is not an ISO local date-time such as 2026-12-01T10:00:00");
        assertThatThrownBy(() -> RRuleSchedule.parse("FREQ=DAILY", "2026-12-01T10:00:00", List.of("2026-12-02T10:00:00Z"), List.of()))
                .hasMessage("exdate '2026-12-02T10:00:00Z' is not an ISO local date-time such as 2026-12-01T10:00:00");
        assertThatThrownBy(() -> RRuleSchedule.of("FREQ=DAILY", LocalDateTime.parse("2026-12-01T10:00:00.5")))
                .hasMessage("dtstart 2026-12-01T10:00:00.500 has a fraction of a second; RFC 5545 times are whole seconds");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=DAILY;COUNT=10001    | 2026-03-01T09:00 | rrule 'FREQ=DAILY;COUNT=10001' in the part COUNT=10001: COUNT is at most 10000
            FREQ=DAILY;INTERVAL=1001  | 2026-03-01T09:00 | rrule 'FREQ=DAILY;INTERVAL=1001' in the part INTERVAL=1001: INTERVAL is at most 1000
            FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29;COUNT=5 | 2000-01-01T00:00 | rrule 'FREQ=YEARLY;INTERVAL=100;BYMONTH=2;BYMONTHDAY=29;COUNT=5' has only 1 instance within 400 years of dtstart 2000-01-01T00:00; COUNT=5 is not reached there
            """)
    void rejectsWhatGoesBeyondTheLimits(String rule, LocalDateTime dtstart, String message) {
        assertThatThrownBy(() -> RRuleSchedule.of(rule, dtstart))
                .hasMessage(message)
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.BEYOND_LIMITS);
    }

    @Test
    void rejectsMoreExtraDatesThanTheLimit() {
        List<LocalDateTime> tooMany = IntStream.range(0, 1001).mapToObj(MARCH_FIRST_NINE::plusDays).toList();

        assertThatThrownBy(() -> RRuleSchedule.of("FREQ=DAILY", MARCH_FIRST_NINE, tooMany, List.of()))
                .hasMessage("1001 exdates given; at most 1000 are accepted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30          | no date-time from dtstart 2026-03-01T09:00 within 400 years satisfies it
            FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31  | no date-time from dtstart 2026-03-01T09:00 within 400 years satisfies it
            FREQ=DAILY;UNTIL=20260227T000000Z            | no date-time from dtstart 2026-03-01T09:00 to its UNTIL satisfies it
            FREQ=MONTHLY;BYDAY=6FR                       | no date-time from dtstart 2026-03-01T09:00 within 400 years satisfies it
            """)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectsARuleWithNoInstance(String rule, String reason) {
        assertThatThrownBy(() -> RRuleSchedule.of(rule, MARCH_FIRST_NINE))
                .isInstanceOf(InvalidRRuleException.class)
                .hasMessage("rrule '" + rule + "' never fires: " + reason)
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.NEVER_FIRES);
    }

    @Test
    void rejectsARuleWhoseEveryInstanceIsExcluded() {
        assertThatThrownBy(() -> RRuleSchedule.of("FREQ=DAILY;COUNT=2", MARCH_FIRST_NINE,
                List.of(MARCH_FIRST_NINE, MARCH_FIRST_NINE.plusDays(1)), List.of()))
                .hasMessage("rrule 'FREQ=DAILY;COUNT=2' never fires: EXDATE excludes every instance");
    }

    // The timeout guards against a search that steps through every second; it is not a speed check.
    @ParameterizedTest
    @ValueSource(strings = {"FREQ=SECONDLY;BYMONTH=12", "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectsASubDailyRuleTooSparseToSearchAsBeyondTheLimits(String rule) {
        assertThatThrownBy(() -> RRuleSchedule.of(rule, MARCH_FIRST_NINE))
                .hasMessageStartingWith("rrule '" + rule + "' has no instance within 1,000,000 steps of its FREQ and INTERVAL")
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.BEYOND_LIMITS);
    }

    @Test
    void readsTheRuleInAnyCaseWithOrWithoutItsPropertyName() {
        RRuleSchedule rule = RRuleSchedule.of(" rrule:freq=weekly;byday=mo,fr ", MARCH_FIRST_NINE);

        assertThat(rule.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,FR");
        assertThat(rule).isEqualTo(RRuleSchedule.of("FREQ=WEEKLY;BYDAY=MO,FR", MARCH_FIRST_NINE))
                .hasSameHashCodeAs(RRuleSchedule.of("FREQ=WEEKLY;BYDAY=MO,FR", MARCH_FIRST_NINE))
                .isNotEqualTo(RRuleSchedule.of("FREQ=WEEKLY;BYDAY=MO,FR", MARCH_FIRST_NINE.plusDays(1)));
    }

    @Test
    void readsDatesAsAnApiReceivesThemSortedAndWithoutDuplicates() {
        RRuleSchedule rule = RRuleSchedule.parse("FREQ=DAILY", "2026-03-01T09:00:00",
                List.of("2026-03-05T09:00:00", "2026-03-03T09:00:00", "2026-03-05T09:00"), List.of("2026-03-01T18:00:00"));

        assertThat(rule.dtstart()).isEqualTo(MARCH_FIRST_NINE);
        assertThat(rule.exdates()).containsExactly(LocalDateTime.parse("2026-03-03T09:00"), LocalDateTime.parse("2026-03-05T09:00"));
        assertThat(rule.rdates()).containsExactly(LocalDateTime.parse("2026-03-01T18:00"));
        assertThat(rule.count()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=10 | every 2 weeks on Monday, Wednesday and Friday at 09:00, from 2026-03-01T09:00, 10 times
            FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 | monthly on weekdays taking the last of each period's times at 09:00, from 2026-03-01T09:00
            FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=-2;UNTIL=20301231T235959Z | yearly in January and July on day 2nd to last of the month at 09:00, from 2026-03-01T09:00, until 20301231T235959Z
            FREQ=HOURLY;INTERVAL=5 | every 5 hours, from 2026-03-01T09:00
            FREQ=DAILY;BYHOUR=8,20;BYMINUTE=15 | daily at hour 8 and 20, minute 15, from 2026-03-01T09:00
            """)
    void describesTheRuleInEnglish(String rule, String description) {
        assertThat(RRuleSchedule.of(rule, MARCH_FIRST_NINE).description()).isEqualTo(description);
    }

    private static RecurrenceSpec spec(Schedule schedule, String zone) {
        return new RecurrenceSpec(RuleId.of("rule-rrule"), schedule, ZoneId.of(zone), DstPolicy.DEFAULT, Duration.ofMinutes(30), 0);
    }

    private static List<Occurrence> all(RecurrenceSpec spec, String from, String until) {
        return RecurrenceSpecs.all(spec, from, until);
    }

    /** The first {@code count} wall-clock times from {@code from}, as the engine walks them. */
    private static List<LocalDateTime> wallClock(RRuleSchedule rule, String from, int count) {
        WallClockCursor cursor = rule.plan().cursor(LocalDateTime.parse(from).toEpochSecond(ZoneOffset.UTC), Long.MAX_VALUE - 1);
        List<LocalDateTime> times = new ArrayList<>();
        for (long local = cursor.next(); local != WallClockCursor.END && times.size() < count; local = cursor.next()) {
            times.add(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC));
        }
        return Collections.unmodifiableList(times);
    }

    private static List<LocalDateTime> wallClock(RRuleSchedule rule, LocalDateTime from, LocalDateTime until) {
        WallClockCursor cursor = rule.plan().cursor(from.toEpochSecond(ZoneOffset.UTC), until.toEpochSecond(ZoneOffset.UTC));
        List<LocalDateTime> times = new ArrayList<>();
        for (long local = cursor.next(); local != WallClockCursor.END; local = cursor.next()) {
            times.add(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC));
        }
        return times;
    }
}
