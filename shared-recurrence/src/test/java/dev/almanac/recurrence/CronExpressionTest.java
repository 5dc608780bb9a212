package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

    private static final LocalDateTime MARCH_2026 = LocalDateTime.parse("2026-03-01T00:00");

    @Test
    void keepsTheExpressionWithoutSurroundingWhitespace() {
        assertThat(CronExpression.parse("  30 2 * * *\n").expression()).isEqualTo("30 2 * * *");
    }

    @Test
    void anExpressionParsedBeforeIsSharedPerDialectAndAnInvalidOneIsRejectedEveryTime() {
        CronExpression first = CronExpression.parse(CronDialect.UNIX, "17 9 * * 1-5");

        assertThat(CronExpression.parse(CronDialect.UNIX, " 17 9 * * 1-5 ")).isSameAs(first);
        assertThat(CronExpression.parse(CronDialect.SPRING, "0 17 9 * * 1-5")).isNotSameAs(first)
                .extracting(CronExpression::dialect).isEqualTo(CronDialect.SPRING);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> CronExpression.parse(CronDialect.UNIX, "0 0 30 2 *")).isInstanceOf(InvalidCronException.class);
            assertThatThrownBy(() -> CronExpression.parse(CronDialect.UNIX, "61 * * * *")).isInstanceOf(InvalidCronException.class);
        }
    }

    @Test
    void firesWhenEitherDayOfMonthOrDayOfWeekMatches() {
        // 0 8 1-7 * 1: the 1st to 7th, and every Monday (March 2026 Mondays: 2, 9, 16, 23, 30).
        assertThat(daysOfMarch2026("0 8 1-7 * 1")).containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 16, 23, 30);
    }

    @Test
    void aSteppedStarCountsAsARestrictedDayOfMonth() {
        assertThat(daysOfMarch2026("0 0 */2 * 1"))
                .containsExactly(1, 2, 3, 5, 7, 9, 11, 13, 15, 16, 17, 19, 21, 23, 25, 27, 29, 30, 31);
    }

    @Test
    void onlyTheDayOfWeekRestrictsWhenTheDayOfMonthIsAStar() {
        assertThat(daysOfMarch2026("0 8 * * 1")).containsExactly(2, 9, 16, 23, 30);
    }

    @Test
    void onlyTheDayOfMonthRestrictsWhenTheDayOfWeekIsAStar() {
        assertThat(daysOfMarch2026("0 8 1-7 * *")).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void zeroAndSevenAreBothSunday() {
        assertThat(daysOfMarch2026("0 8 * * 0")).containsExactly(1, 8, 15, 22, 29);
        assertThat(daysOfMarch2026("0 8 * * 7")).containsExactly(1, 8, 15, 22, 29);
    }

    @Test
    void namesOfDaysAndMonthsMeanTheirNumbers() {
        assertThat(firstTimes("0 9 * JAN,JUL MON-FRI", MARCH_2026, 200))
                .isEqualTo(firstTimes("0 9 * 1,7 1-5", MARCH_2026, 200));
    }

    @Test
    void startsAtTheFirstTimeAtOrAfterTheGivenOne() {
        assertThat(firstTimes("*/15 9-10 * * *", LocalDateTime.parse("2026-03-10T09:30"), 7)).containsExactly(
                LocalDateTime.parse("2026-03-10T09:30"),
                LocalDateTime.parse("2026-03-10T09:45"),
                LocalDateTime.parse("2026-03-10T10:00"),
                LocalDateTime.parse("2026-03-10T10:15"),
                LocalDateTime.parse("2026-03-10T10:30"),
                LocalDateTime.parse("2026-03-10T10:45"),
                LocalDateTime.parse("2026-03-11T09:00"));
        assertThat(firstTimes("*/15 9-10 * * *", LocalDateTime.parse("2026-03-10T10:45:00.000000001"), 1))
                .containsExactly(LocalDateTime.parse("2026-03-11T09:00"));
    }

    @Test
    void leapDayRunsOnlyInLeapYears() {
        assertThat(firstTimes("0 0 29 2 *", LocalDateTime.parse("2097-03-01T00:00"), 2))
                .containsExactly(LocalDateTime.parse("2104-02-29T00:00"), LocalDateTime.parse("2108-02-29T00:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "* * * * *", "*/7 * * * *", "15,45 9-17 * * 1-5", "0 8 1-7 * 1", "0 0 */2 * 1", "1/5 3 * JAN,JUL *",
        "0 12 31 * *", "5 4 * * 0", "0 0 1 */3 *", "30 2 * * *", "59 23 28-31 2 *", "0 0 29 2 *"})
    void wallClockTimesAreTheOnesCronUtilsGivesOnUtc(String expression) {
        ExecutionTime cronUtils = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(expression));
        for (LocalDateTime start : List.of(LocalDateTime.parse("2026-01-01T00:00"), LocalDateTime.parse("2027-12-31T23:31"))) {
            List<LocalDateTime> expected = new ArrayList<>();
            ZonedDateTime previous = start.minusMinutes(1).atZone(ZoneOffset.UTC);
            while (expected.size() < 2000) {
                previous = cronUtils.nextExecution(previous).orElseThrow();
                expected.add(previous.toLocalDateTime());
            }

            assertThat(firstTimes(expression, start, 2000)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            61 * * * *  | minute field '61'       | Value 61 not in range [0, 59]
            0 24 * * *  | hour field '24'         | Value 24 not in range [0, 23]
            0 0 32 * *  | day-of-month field '32' | Value 32 not in range [1, 31]
            0 0 * 13 *  | month field '13'        | Value 13 not in range [1, 12]
            0 0 * * 8   | day-of-week field '8'   | Value 8 not in range [0, 7]
            0 0 * * 5-1 | day-of-week field '5-1' | Invalid range! [5,1]
            */0 * * * * | minute field '*/0'      | Period 0 not in range
            """)
    void rejectsABadFieldNamingItAndCronUtilsReason(String expression, String field, String reason) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith("invalid cron expression '" + expression + "' in the " + field + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsTheWrongNumberOfFields() {
        assertThatThrownBy(() -> CronExpression.parse("0 0 8 * * *"))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageContaining("'0 0 8 * * *'")
                .hasMessageContaining("6 parts but we expect one of [5]");
        assertThatThrownBy(() -> CronExpression.parse("* * *"))
                .hasMessageContaining("3 parts but we expect one of [5]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 ? * 1", "0 0 L * *", "0 0 1W * *", "0 0 * * 1#2", "@daily"})
    void rejectsQuartzExtensionsAndNicknames(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith("invalid cron expression '" + expression + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsABlankExpression(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessage("cron expression is blank; expected 5 fields: minute hour day-of-month month day-of-week");
    }

    // The timeout guards against a hang (cron-utils issues #310 and #329); it is not a speed check.
    @ParameterizedTest
    @ValueSource(strings = {"0 0 30 2 *", "0 0 31 2 *", "0 0 31 4,6,9,11 *", "15 10 30,31 2 *"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectsACronThatNeverFires(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessage("cron expression '" + expression + "' never fires: no date matches its day-of-month, month and day-of-week fields");
    }

    @Test
    void aDayOfWeekRescuesAnImpossibleDate() {
        assertThat(firstTimes("0 0 30 2 1", MARCH_2026, 5)).extracting(LocalDateTime::toLocalDate).containsExactly(
                LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-08"), LocalDate.parse("2027-02-15"),
                LocalDate.parse("2027-02-22"), LocalDate.parse("2028-02-07"));
    }

    @Test
    void equalityFollowsTheExpressionText() {
        assertThat(CronExpression.parse("0 8 * * 1")).isEqualTo(CronExpression.parse(" 0 8 * * 1 "))
                .hasSameHashCodeAs(CronExpression.parse("0 8 * * 1"))
                .isNotEqualTo(CronExpression.parse("0 8 * * MON"))
                .hasToString("0 8 * * 1");
    }

    private static List<Integer> daysOfMarch2026(String expression) {
        return firstTimes(expression, MARCH_2026, 40).stream()
                .map(LocalDateTime::toLocalDate)
                .filter(day -> day.isBefore(LocalDate.parse("2026-04-01")))
                .map(LocalDate::getDayOfMonth)
                .toList();
    }

    private static List<LocalDateTime> firstTimes(String expression, LocalDateTime from, int count) {
        Iterator<LocalDateTime> times = CronExpression.parse(expression).wallClockTimesFrom(from);
        return IntStream.range(0, count).mapToObj(i -> times.next()).toList();
    }
}
