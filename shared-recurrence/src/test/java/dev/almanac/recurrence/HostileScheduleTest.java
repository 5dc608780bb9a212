package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.InvalidScheduleException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs that make cron libraries loop or search for ever (cron-utils #310 and #329: impossible
 * dates; #324: DST) are rejected, or expanded, in bounded time. The timeouts guard against a hang;
 * they are not speed checks.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileScheduleTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | 0 0 30 2 *
            UNIX   | 0 0 31 2,4,6,9,11 *
            QUARTZ | 0 0 0 30 2 ?
            QUARTZ | 0 0 0 31 2 ? *
            QUARTZ | 0 0 0 L-30 2 ?
            QUARTZ | 0 0 0 ? 2 2#5 2027
            QUARTZ | 0 0 0 29 2 ? 2097
            QUARTZ | 0 0 0 ? 2 MON#5 2026-2027
            SPRING | 0 0 0 30 2 *
            SPRING | 0 0 0 31 2 MON
            SPRING | 0 0 0 1-7 * MON#2
            """)
    void cronThatNeverFiresIsRejectedQuickly(CronDialect dialect, String expression) {
        assertThatThrownBy(() -> CronExpression.parse(dialect, expression))
                .isInstanceOf(InvalidCronException.class)
                .hasMessageStartingWith("cron expression '" + expression + "' never fires: no date matches its day-of-month, month")
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.NEVER_FIRES);
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            UNIX   | 0 0 29 2 1          | America/New_York
            UNIX   | */1 * * * *         | Pacific/Apia
            QUARTZ | 0 0 0 29 2 ? 2096   | Australia/Lord_Howe
            QUARTZ | * * * ? * *         | Europe/London
            QUARTZ | 0 30 2 ? 3 1#2      | America/New_York
            SPRING | 0 0 0 29 2 MON      | UTC
            """)
    void expansionOverAnyWindowEnds(CronDialect dialect, String expression, String zone) {
        RecurrenceSpec spec = new RecurrenceSpec(RuleId.of("rule-hostile"), CronExpression.parse(dialect, expression), ZoneId.of(zone),
                new DstPolicy(GapPolicy.SKIP, OverlapPolicy.TWICE), Duration.ZERO, 0);

        Expansion page = RecurrenceExpander.expand(spec, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("+999999999-12-31T00:00:00Z"), 5);
        assertThat(page.occurrences().size()).isBetween(0, 5);
        assertThat(page.truncated() || page.coveredUntil().equals(Instant.parse("+999999999-12-31T00:00:00Z"))).isTrue();
        assertThat(RecurrenceExpander.next(spec, Instant.parse("2099-12-31T00:00:00Z"))).isNotNull();
        assertThat(RecurrenceExpander.count(spec, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"))).isNotNegative();
        assertThat(RecurrenceExpander.last(spec)).isNotNull();
    }

    @Test
    void cronWhoseEveryTimeIsSkippedGivesUpAndSaysHowFarItSearched() {
        // 02:30 on the second Sunday of March is in New York's spring-forward gap every year.
        RecurrenceSpec neverRuns = new RecurrenceSpec(RuleId.of("rule-hostile"), CronExpression.parse(CronDialect.QUARTZ, "0 30 2 ? 3 1#2"),
                ZoneId.of("America/New_York"), new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), Duration.ZERO, 0);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        Expansion page = RecurrenceExpander.expand(neverRuns, from, Instant.parse("+999999999-12-31T00:00:00Z"), 5);

        assertThat(page.occurrences()).isEmpty();
        assertThat(page.truncated()).isTrue();
        assertThat(page.coveredUntil()).isAfter(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(RecurrenceExpander.expand(neverRuns, page.coveredUntil(), page.coveredUntil().plus(Duration.ofDays(3650)), 5).occurrences()).isEmpty();
        assertThatThrownBy(() -> RecurrenceExpander.count(neverRuns, from, Instant.parse("+999999999-12-31T00:00:00Z")))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("yields no occurrence for 2000000 steps of search")
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(Problem.BEYOND_LIMITS);
        assertThat(RecurrenceExpander.count(neverRuns, from, Instant.parse("2036-01-01T00:00:00Z"))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30           | BEYOND_LIMITS
            FREQ=MINUTELY;BYYEARDAY=366;BYMONTH=1           | BEYOND_LIMITS
            FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYDAY=MO    | NEVER_FIRES
            FREQ=MONTHLY;BYMONTHDAY=-31;BYMONTH=2           | NEVER_FIRES
            FREQ=YEARLY;INTERVAL=1000;BYMONTH=2;BYMONTHDAY=29 | NEVER_FIRES
            """)
    void rruleWithoutAnInstanceIsRejectedInBoundedTime(String rule, Problem problem) {
        assertThatThrownBy(() -> RRuleSchedule.of(rule, LocalDateTime.parse("2001-03-01T00:00")))
                .isInstanceOf(InvalidRRuleException.class)
                .extracting(e -> ((InvalidScheduleException) e).problem()).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=SECONDLY
            FREQ=SECONDLY;BYHOUR=3;BYMINUTE=0;BYSECOND=0
            FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29
            FREQ=YEARLY;INTERVAL=1000
            """)
    void rruleExpansionFarFromDtstartEnds(String rule) {
        RecurrenceSpec spec = new RecurrenceSpec(RuleId.of("rule-hostile"), RRuleSchedule.of(rule, LocalDateTime.parse("2024-02-29T03:00")),
                ZoneId.of("Europe/London"), DstPolicy.DEFAULT, Duration.ZERO, 0);

        assertThat(RecurrenceExpander.expand(spec, Instant.parse("+90000-01-01T00:00:00Z"), Instant.parse("+90010-01-01T00:00:00Z"), 3)
                .occurrences().size()).isBetween(0, 3);
        assertThat(RecurrenceExpander.next(spec, Instant.parse("2500-01-01T00:00:00Z"))).isNotNull();
    }
}
