package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.CronDialect;
import dev.almanac.recurrence.CronExpression;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RRuleSchedule;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * A cron becomes an RRULE only where the RRULE names the same wall-clock times: checked over a year in UTC against the
 * cron itself (ADR 0082); the rest do not map.
 */
class CronRRulesTest {

    private static final Instant FROM = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant TILL = Instant.parse("2028-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "UNIX   | 0 9 * * 1-5           | FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
            "UNIX   | */15 8-10 * * *       | FREQ=DAILY;BYHOUR=8,9,10;BYMINUTE=0,15,30,45;BYSECOND=0",
            "UNIX   | 30 2 1,15 * *         | FREQ=DAILY;BYMONTHDAY=1,15;BYHOUR=2;BYMINUTE=30;BYSECOND=0",
            "UNIX   | 0 0 * JAN,JUL SUN     | FREQ=DAILY;BYMONTH=1,7;BYDAY=SU;BYHOUR=0;BYMINUTE=0;BYSECOND=0",
            "UNIX   | 5 4 31 * *            | FREQ=DAILY;BYMONTHDAY=31;BYHOUR=4;BYMINUTE=5;BYSECOND=0",
            "UNIX   | 0 12 * * 0,7          | FREQ=DAILY;BYDAY=SU;BYHOUR=12;BYMINUTE=0;BYSECOND=0",
            "QUARTZ | 0 0 10 ? * 2-6        | FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=10;BYMINUTE=0;BYSECOND=0",
            "SPRING | 0 0 8 1-7 * MON       | FREQ=DAILY;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=MO;BYHOUR=8;BYMINUTE=0;BYSECOND=0",
            "SPRING | 0/30 0 9 * * *        | FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,30"})
    void aPlainCronBecomesAnRRuleOfTheSameTimes(CronDialect dialect, String cron, String rrule) {
        CronExpression expression = CronExpression.parse(dialect, cron);

        assertThat(CronRRules.of(expression)).contains(rrule);
        RuleId rule = RuleId.of("rule-cron");
        List<Instant> byCron = starts(new RecurrenceSpec(rule, expression, ZoneId.of("UTC"), DstPolicy.DEFAULT, Duration.ZERO, 0));
        LocalDateTime first = LocalDateTime.ofInstant(byCron.get(0), ZoneId.of("UTC"));
        List<Instant> byRRule = starts(new RecurrenceSpec(rule, RRuleSchedule.of(rrule, first), ZoneId.of("UTC"), DstPolicy.DEFAULT,
                Duration.ZERO, 0));
        assertThat(byRRule).isEqualTo(byCron);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "UNIX   | 0 8 1-7 * 1",
            "QUARTZ | 0 0 10 ? * 6L",
            "QUARTZ | 0 0 10 LW * ?",
            "QUARTZ | 0 0 10 ? * 2#1",
            "QUARTZ | 0 0 10 * * ? 2027",
            "SPRING | @daily"})
    void whatNoSingleRRuleSaysDoesNotMap(CronDialect dialect, String cron) {
        assertThat(CronRRules.of(CronExpression.parse(dialect, cron))).isEmpty();
    }

    private static List<Instant> starts(RecurrenceSpec spec) {
        return RecurrenceExpander.expand(spec, FROM, TILL, 100_000).occurrences().stream().map(Occurrence::start).toList();
    }
}
