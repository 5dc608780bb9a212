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
import java.util.Optional;

import com.cronutils.model.time.ExecutionTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled plans against the libraries that define the dialects: cron-utils' {@code ExecutionTime}
 * for each dialect, and Spring's own {@code CronExpression} for the Spring dialect, both on wall-clock
 * time (UTC, where no DST interferes). Where they disagree, a test below says which reading Almanac
 * takes and why.
 */
class CronAgreementTest {

    private static final List<LocalDateTime> STARTS = List.of(LocalDateTime.parse("2026-01-01T00:00"), LocalDateTime.parse("2027-12-31T23:31:17"));
    private static final int TIMES = 200;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | * * * * *
            UNIX   | */7 * * * *
            UNIX   | 10/25 0 * * *
            UNIX   | 15,45 9-17 * * 1-5
            UNIX   | 0 0 * * */2
            UNIX   | 0 0 * * 1/2
            UNIX   | 0 0 * * 5-7
            UNIX   | 0 0 1-7 * 1
            UNIX   | 0 0 */2 * 1
            UNIX   | 0 0 1/10 * *
            UNIX   | 0 0 * */5 *
            UNIX   | 0 12 * * SUN
            UNIX   | 59 23 28-31 2 *
            QUARTZ | 0 0 10 ? * 6L
            QUARTZ | 0 0 10 L * ?
            QUARTZ | 0 0 10 L-3 * ?
            QUARTZ | 0 0 10 LW * ?
            QUARTZ | 0 0 10 15W * ?
            QUARTZ | 0 0 10 1W * ?
            QUARTZ | 0 0 10 ? * 6#3
            QUARTZ | 0 0 10 ? * 2#5
            QUARTZ | 0 0 10 ? * MON-FRI
            QUARTZ | 0 0 10 ? * FRI-MON
            QUARTZ | 0 0 10 ? * */2
            QUARTZ | 0 0 10 ? * 2/3
            QUARTZ | 0/15 0 10 * * ?
            QUARTZ | 0 0 12 ? * 2 2027-2031/2
            QUARTZ | 0 0 10 ? * L
            QUARTZ | 0 0 10 ? JAN,JUL MON
            QUARTZ | 0 0 10 ? * 1L
            QUARTZ | 0 30 2 ? 3 1#2
            SPRING | 0 0 8 1-7 * MON
            SPRING | 0 0 8 * * 7
            SPRING | 0 0 8 * * 1/2
            SPRING | 0 0 8 L * *
            SPRING | 0 0 8 L-2 * *
            SPRING | 0 0 8 * * 5L
            SPRING | 0 0 8 * * FRI#2
            SPRING | @daily
            SPRING | 0 0 8 * * SAT-SUN
            SPRING | 0 0 8 * * SUN-TUE
            SPRING | 0 0 8 LW * *
            SPRING | 0 0 8 15W * *
            SPRING | */20 */30 9-10 * * *
            SPRING | 0 0 8 1 * MON-FRI
            SPRING | 0 0 8 ? * 0L
            """)
    void wallClockTimesAreTheOnesCronUtilsGivesOnUtc(CronDialect dialect, String expression) {
        for (LocalDateTime start : STARTS) {
            assertThat(before2100(almanac(dialect, expression, start))).isEqualTo(before2100(cronUtils(dialect, expression, start)));
        }
    }

    /**
     * cron-utils' Quartz definition ends every expression with its year range, in 2099. Almanac reads
     * a Quartz expression without a year field as firing in every year, as Quartz itself does.
     */
    @Test
    void quartzWithoutAYearFieldGoesOnAfter2099WhereCronUtilsStops() {
        LocalDateTime start = LocalDateTime.parse("2099-06-01T00:00");

        assertThat(almanac(CronDialect.QUARTZ, "0 0 10 ? * 6L", start)).hasSize(TIMES);
        assertThat(cronUtils(CronDialect.QUARTZ, "0 0 10 ? * 6L", start)).hasSize(7);
    }

    private static List<LocalDateTime> before2100(List<LocalDateTime> times) {
        return times.stream().filter(time -> time.getYear() < 2100).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 8 1-7 * MON", "0 0 8 * * */2", "0 0 8 * * 1/2", "0 0 8 L * *", "0 0 8 L-2 * *", "0 0 8 * * 5L",
        "0 0 8 * * FRI#2", "@daily", "@weekly", "0 0 8 ? * ?", "0 0 8 * * SUN-TUE", "0 0 8 LW * *", "0 0 8 15W * *",
        "*/20 */30 9-10 * * *", "0 0 8 1 * MON-FRI", "0 0 8 ? * 0L", "0 0 0 29 2 *", "0 15 10 1,15 * *"})
    void springDialectTimesAreTheOnesSpringGives(String expression) {
        for (LocalDateTime start : STARTS) {
            assertThat(almanac(CronDialect.SPRING, expression, start)).isEqualTo(spring(expression, start));
        }
    }

    @Test
    void springStarStepOnTheWeekFollowsSpringWhereCronUtilsStartsFromSunday() {
        LocalDateTime start = STARTS.get(0);

        assertThat(almanac(CronDialect.SPRING, "0 0 8 * * */2", start)).isEqualTo(spring("0 0 8 * * */2", start))
                .isNotEqualTo(cronUtils(CronDialect.SPRING, "0 0 8 * * */2", start));
    }

    @Test
    void springBothDayFieldsQuestionMarkedIsEveryDayWhereCronUtilsFindsNoDay() {
        LocalDateTime start = STARTS.get(0);

        assertThat(almanac(CronDialect.SPRING, "0 0 8 ? * ?", start)).hasSize(TIMES).isEqualTo(spring("0 0 8 ? * ?", start));
        assertThat(cronUtils(CronDialect.SPRING, "0 0 8 ? * ?", start)).isEmpty();
    }

    /**
     * Quartz defines {@code nW} within the month: a last day on a Sunday moves to the Friday before.
     * cron-utils fails on the 31st in shorter months; Spring moves the Sunday 31st to the Monday after,
     * which is in the next month, and so skips the month. Almanac reads {@code 31W} as Quartz does in
     * both dialects.
     */
    @Test
    void nearestWeekdayToTheLastDayStaysInItsMonthAsQuartzDefinesIt() {
        LocalDateTime start = STARTS.get(0);

        assertThat(almanac(CronDialect.QUARTZ, "0 0 10 31W * ?", start).subList(0, 4)).extracting(LocalDateTime::toLocalDate)
                .containsExactly(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-03-31"), LocalDate.parse("2026-05-29"),
                        LocalDate.parse("2026-07-31"));
        assertThatThrownBy(() -> cronUtils(CronDialect.QUARTZ, "0 0 10 31W * ?", start)).hasMessageContaining("FEBRUARY 31");
        assertThat(spring("0 0 8 31W * *", start)).extracting(LocalDateTime::toLocalDate)
                .doesNotContain(LocalDate.parse("2026-05-29"));
    }

    static List<LocalDateTime> almanac(CronDialect dialect, String expression, LocalDateTime start) {
        List<LocalDateTime> times = new ArrayList<>();
        Iterator<LocalDateTime> iterator = CronExpression.parse(dialect, expression).wallClockTimesFrom(start);
        while (times.size() < TIMES && iterator.hasNext()) {
            times.add(iterator.next());
        }
        return times;
    }

    static List<LocalDateTime> cronUtils(CronDialect dialect, String expression, LocalDateTime start) {
        ExecutionTime executionTime = ExecutionTime.forCron(dialect.parser().parse(expression));
        List<LocalDateTime> times = new ArrayList<>();
        ZonedDateTime previous = start.minusNanos(1).atZone(ZoneOffset.UTC);
        while (times.size() < TIMES) {
            Optional<ZonedDateTime> next = executionTime.nextExecution(previous);
            if (next.isEmpty()) {
                break;
            }
            previous = next.get();
            times.add(previous.toLocalDateTime());
        }
        return times;
    }

    static List<LocalDateTime> spring(String expression, LocalDateTime start) {
        org.springframework.scheduling.support.CronExpression cron = org.springframework.scheduling.support.CronExpression.parse(expression);
        List<LocalDateTime> times = new ArrayList<>();
        LocalDateTime previous = start.minusNanos(1);
        while (times.size() < TIMES) {
            LocalDateTime next = cron.next(previous);
            if (next == null) {
                break;
            }
            previous = next;
            times.add(next);
        }
        return times;
    }
}
