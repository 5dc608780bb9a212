package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import dev.almanac.recurrence.InvalidScheduleException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each dialect's own rules, above all how it joins day-of-month and day-of-week. */
class CronDialectTest {

    private static final LocalDateTime MARCH_2026 = LocalDateTime.parse("2026-03-01T00:00");

    @Test
    void unixFiresWhenEitherRestrictedDayFieldMatches() {
        // The 1st to 7th, and every Monday (March 2026 Mondays: 2, 9, 16, 23, 30).
        assertThat(daysOfMarch2026(CronDialect.UNIX, "0 8 1-7 * 1")).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 16, 23, 30);
    }

    @Test
    void springFiresOnlyWhenBothDayFieldsMatch() {
        assertThat(daysOfMarch2026(CronDialect.SPRING, "0 0 8 1-7 * MON")).containsExactly(2);
        assertThat(daysOfMarch2026(CronDialect.SPRING, "0 0 8 * * MON")).containsExactly(2, 9, 16, 23, 30);
        assertThat(daysOfMarch2026(CronDialect.SPRING, "0 0 8 ? * ?")).hasSize(31);
    }

    @Test
    void quartzLetsTheDayFieldThatIsNotAQuestionMarkDecide() {
        assertThat(daysOfMarch2026(CronDialect.QUARTZ, "0 0 8 1-7 * ?")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(daysOfMarch2026(CronDialect.QUARTZ, "0 0 8 ? * MON")).containsExactly(2, 9, 16, 23, 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 8 1-7 * 2", "0 0 8 ? * ?", "0 0 8 * * *"})
    void quartzRejectsAnythingButExactlyOneQuestionMarkAmongTheDayFields(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(CronDialect.QUARTZ, expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith("invalid cron expression '" + expression + "': ")
                .hasMessageContaining("day-of-week")
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.INVALID_SYNTAX);
    }

    @Test
    void quartzNumbersTheWeekFromSundayAndUnixAndSpringFromMonday() {
        assertThat(weekdays(CronDialect.QUARTZ, "0 0 8 ? * 2")).containsOnly(DayOfWeek.MONDAY);
        assertThat(weekdays(CronDialect.QUARTZ, "0 0 8 ? * 1")).containsOnly(DayOfWeek.SUNDAY);
        assertThat(weekdays(CronDialect.UNIX, "0 8 * * 1")).containsOnly(DayOfWeek.MONDAY);
        assertThat(weekdays(CronDialect.UNIX, "0 8 * * 0")).containsOnly(DayOfWeek.SUNDAY);
        assertThat(weekdays(CronDialect.SPRING, "0 0 8 * * 7")).containsOnly(DayOfWeek.SUNDAY);
        assertThat(weekdays(CronDialect.SPRING, "0 0 8 * * 0")).containsOnly(DayOfWeek.SUNDAY);
    }

    @Test
    void namesOfDaysAndMonthsMeanTheirNumbersInEveryDialect() {
        assertThat(first(CronDialect.UNIX, "0 9 * JAN,JUL MON-FRI", 300)).isEqualTo(first(CronDialect.UNIX, "0 9 * 1,7 1-5", 300));
        assertThat(first(CronDialect.QUARTZ, "0 0 9 ? JAN,JUL MON-FRI", 300)).isEqualTo(first(CronDialect.QUARTZ, "0 0 9 ? 1,7 2-6", 300));
        assertThat(first(CronDialect.SPRING, "0 0 9 * JAN,JUL MON-FRI", 300)).isEqualTo(first(CronDialect.SPRING, "0 0 9 * 1,7 1-5", 300));
    }

    @Test
    void quartzLastFridayOfTheMonth() {
        assertThat(first(CronDialect.QUARTZ, "0 0 10 ? * 6L", 6)).extracting(LocalDateTime::toLocalDate).containsExactly(
                LocalDate.parse("2026-03-27"), LocalDate.parse("2026-04-24"), LocalDate.parse("2026-05-29"),
                LocalDate.parse("2026-06-26"), LocalDate.parse("2026-07-31"), LocalDate.parse("2026-08-28"));
        assertThat(first(CronDialect.QUARTZ, "0 0 10 ? * FRIL", 6)).isEqualTo(first(CronDialect.QUARTZ, "0 0 10 ? * 6L", 6));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            QUARTZ | 0 0 10 L * ?     | 2026-03-31, 2026-04-30, 2026-05-31
            QUARTZ | 0 0 10 L-3 * ?   | 2026-03-28, 2026-04-27, 2026-05-28
            QUARTZ | 0 0 10 LW * ?    | 2026-03-31, 2026-04-30, 2026-05-29
            QUARTZ | 0 0 10 15W * ?   | 2026-03-16, 2026-04-15, 2026-05-15
            QUARTZ | 0 0 10 1W * ?    | 2026-03-02, 2026-04-01, 2026-05-01
            QUARTZ | 0 0 10 31W * ?   | 2026-03-31, 2026-05-29, 2026-07-31
            QUARTZ | 0 0 10 ? * 6#3   | 2026-03-20, 2026-04-17, 2026-05-15
            QUARTZ | 0 0 10 ? * 2#5   | 2026-03-30, 2026-06-29, 2026-08-31
            SPRING | 0 0 10 L-2 * *   | 2026-03-29, 2026-04-28, 2026-05-29
            SPRING | 0 0 10 * * FRI#2 | 2026-03-13, 2026-04-10, 2026-05-08
            SPRING | 0 0 10 * * 5L    | 2026-03-27, 2026-04-24, 2026-05-29
            """)
    void quartzSpecialsPickTheirDayOfEachMonth(CronDialect dialect, String expression, String days) {
        assertThat(first(dialect, expression, 3)).extracting(time -> time.toLocalDate().toString())
                .containsExactly(days.split(",\\s*"));
    }

    @Test
    void quartzBareLInTheDayOfWeekIsEverySaturday() {
        assertThat(weekdays(CronDialect.QUARTZ, "0 0 10 ? * L")).containsOnly(DayOfWeek.SATURDAY);
        assertThat(first(CronDialect.QUARTZ, "0 0 10 ? * L", 5)).hasSize(5);
    }

    @Test
    void quartzRangeAcrossTheEndOfTheWeekWrapsAround() {
        assertThat(weekdays(CronDialect.QUARTZ, "0 0 12 ? * FRI-MON"))
                .containsOnly(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    }

    @Test
    void springRejectsARangeAcrossTheEndOfTheWeekAsSpringDoes() {
        assertThatThrownBy(() -> CronExpression.parse(CronDialect.SPRING, "0 0 12 * * FRI-MON"))
                .isInstanceOf(InvalidCronException.class)
                .hasMessage("invalid cron expression '0 0 12 * * FRI-MON' in the day-of-week field '5-1': "
                        + "Spring does not accept a range whose start is after its end");
    }

    @Test
    void springStepsAStarOverItsOwnWeekFromMonday() {
        // Spring reads */2 over 1 (Monday) to 7 (Sunday); cron-utils' Spring definition would start at Sunday.
        assertThat(weekdays(CronDialect.SPRING, "0 0 8 * * */2"))
                .containsOnly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY);
        assertThat(weekdays(CronDialect.UNIX, "0 8 * * */2"))
                .containsOnly(DayOfWeek.SUNDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY);
    }

    @Test
    void springNicknamesAreTheirExpressions() {
        assertThat(first(CronDialect.SPRING, "@daily", 20)).isEqualTo(first(CronDialect.SPRING, "0 0 0 * * *", 20));
        assertThat(first(CronDialect.SPRING, "@hourly", 50)).isEqualTo(first(CronDialect.SPRING, "0 0 * * * *", 50));
    }

    @Test
    void quartzYearFieldMakesTheScheduleEnd() {
        CronExpression mondaysOf2027 = CronExpression.parse(CronDialect.QUARTZ, "0 0 12 ? * MON 2027");

        assertThat(mondaysOf2027.isFinite()).isTrue();
        assertThat(first(CronDialect.QUARTZ, "0 0 12 ? * MON 2027", 60)).hasSize(52)
                .allSatisfy(time -> assertThat(time.getYear()).isEqualTo(2027));
        assertThat(CronExpression.parse(CronDialect.QUARTZ, "0 0 12 ? * MON").isFinite()).isFalse();
    }

    @Test
    void secondsFieldFiresWithinTheMinute() {
        assertThat(first(CronDialect.QUARTZ, "0/20 0 9 * * ?", 4)).containsExactly(
                LocalDateTime.parse("2026-03-01T09:00:00"), LocalDateTime.parse("2026-03-01T09:00:20"),
                LocalDateTime.parse("2026-03-01T09:00:40"), LocalDateTime.parse("2026-03-02T09:00:00"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | 0 10 L * *        | day-of-month field 'L'
            QUARTZ | 0 61 * * * ?      | minute field '61'
            QUARTZ | 0 0 * ? * MON 1969 | year field '1969'
            QUARTZ | 0 0 12 32 * ?     | day-of-month field '32'
            QUARTZ | 0 0 12 ? * 8      | day-of-week field '8'
            SPRING | 60 0 12 * * *     | second field '60'
            SPRING | 0 0 12 * 13 *     | month field '13'
            """)
    void rejectsABadFieldNamingItInEachDialect(CronDialect dialect, String expression, String field) {
        assertThatThrownBy(() -> CronExpression.parse(dialect, expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith("invalid cron expression '" + expression + "' in the " + field + ": ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | cron expression is blank; expected 5 fields: minute hour day-of-month month day-of-week
            QUARTZ | cron expression is blank; expected 6 or 7 fields: second minute hour day-of-month month day-of-week [year]
            SPRING | cron expression is blank; expected 6 fields: second minute hour day-of-month month day-of-week
            """)
    void blankExpressionSaysWhatEachDialectExpects(CronDialect dialect, String message) {
        assertThatThrownBy(() -> CronExpression.parse(dialect, " ")).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | 0 9 * * 1-5    | at 09:00 every day between Monday and Friday
            QUARTZ | 0 0 10 ? * 6L  | at 10:00 last Friday of every month
            SPRING | 0 15 10 1,15 * * | at 10:15 at 1 and 15 days
            """)
    void describesTheExpressionInEnglish(CronDialect dialect, String expression, String description) {
        assertThat(CronExpression.parse(dialect, expression).description()).isEqualTo(description);
    }

    @Test
    void expressionsOfDifferentDialectsDiffer() {
        assertThat(CronExpression.parse(CronDialect.SPRING, "0 0 8 * * MON"))
                .isNotEqualTo(CronExpression.parse(CronDialect.QUARTZ, "0 0 8 ? * MON"))
                .isEqualTo(CronExpression.parse(CronDialect.SPRING, " 0 0 8 * * MON "))
                .extracting(CronExpression::dialect).isEqualTo(CronDialect.SPRING);
        assertThat(CronExpression.parse("0 8 * * 1").dialect()).isEqualTo(CronDialect.UNIX);
    }

    private static List<Integer> daysOfMarch2026(CronDialect dialect, String expression) {
        return first(dialect, expression, 40).stream()
                .map(LocalDateTime::toLocalDate)
                .filter(day -> day.isBefore(LocalDate.parse("2026-04-01")))
                .map(LocalDate::getDayOfMonth)
                .toList();
    }

    private static List<DayOfWeek> weekdays(CronDialect dialect, String expression) {
        return first(dialect, expression, 60).stream().map(LocalDateTime::getDayOfWeek).distinct().toList();
    }

    private static List<LocalDateTime> first(CronDialect dialect, String expression, int count) {
        Iterator<LocalDateTime> times = CronExpression.parse(dialect, expression).wallClockTimesFrom(MARCH_2026);
        return IntStream.range(0, count).filter(i -> times.hasNext()).mapToObj(i -> times.next()).toList();
    }
}
