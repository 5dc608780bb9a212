package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecurrenceSpecTest {

    private static final CronExpression NIGHTLY = CronExpression.parse("30 2 * * *");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3600})
    void acceptsJitterFromNoneToAnHour(int jitterSeconds) {
        assertThat(spec(Duration.ofMinutes(15), jitterSeconds).jitterSeconds()).isEqualTo(jitterSeconds);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3601})
    void rejectsJitterOutsideNoneToAnHour(int jitterSeconds) {
        assertThatThrownBy(() -> spec(Duration.ofMinutes(15), jitterSeconds))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter seconds must be between 0 and 3600 but was " + jitterSeconds);
    }

    @Test
    void rejectsANegativeDuration() {
        assertThatThrownBy(() -> spec(Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative but was PT-1S");
    }

    @Test
    void takesEverythingExpansionNeedsFromACreatedRule() {
        RuleCreated rule = EventSamples.ruleCreated();

        RecurrenceSpec spec = RecurrenceSpec.of(rule);

        assertThat(spec).isEqualTo(new RecurrenceSpec(rule.ruleId(), CronExpression.parse(rule.cron()), rule.timezone(),
                rule.dstPolicy(), Duration.ofSeconds(rule.durationSeconds()), rule.options().jitterSeconds()));
    }

    @Test
    void readsACreatedRulesCronInItsDialect() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated quartz = new RuleCreated(sample.ruleId(), sample.name(), "0 0 10 ? * 6L", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), CronSyntax.QUARTZ, null);

        assertThat(RecurrenceSpec.of(quartz).schedule()).isEqualTo(CronExpression.parse(CronDialect.QUARTZ, "0 0 10 ? * 6L"));
        assertThatThrownBy(() -> RecurrenceSpec.schedule("0 0 10 ? * 6L", null, null)).isInstanceOf(InvalidCronException.class);
    }

    @Test
    void readsACreatedRulesRruleWithItsExceptionsInsteadOfItsCron() {
        RuleCreated sample = EventSamples.ruleCreated();
        RecurrenceRule lastFridays = new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"),
                List.of(LocalDateTime.parse("2026-12-25T10:00:00")), List.of(LocalDateTime.parse("2026-12-24T10:00:00")));
        RuleCreated monthly = new RuleCreated(sample.ruleId(), sample.name(), "", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, lastFridays);

        assertThat(RecurrenceSpec.of(monthly).schedule()).isEqualTo(RRuleSchedule.of("FREQ=MONTHLY;BYDAY=-1FR",
                LocalDateTime.parse("2026-12-01T10:00:00"), lastFridays.exdates(), lastFridays.rdates()));
    }

    @Test
    void holdsAnRruleScheduleAndSaysItHasNoCron() {
        RRuleSchedule lastFridays = RRuleSchedule.of("FREQ=MONTHLY;BYDAY=-1FR", java.time.LocalDateTime.parse("2026-12-01T10:00:00"));

        RecurrenceSpec spec = new RecurrenceSpec(RuleId.of("rule-monthly"), lastFridays, ZoneId.of("Europe/London"), DstPolicy.DEFAULT,
                Duration.ofHours(1), 0);

        assertThat(spec.schedule()).isSameAs(lastFridays);
        assertThatThrownBy(spec::cron)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rule rule-monthly is scheduled by an RRULE, not a cron expression");
    }

    @Test
    void aCronSpecGivesItsCron() {
        assertThat(spec(Duration.ZERO, 0).cron()).isEqualTo(NIGHTLY).isSameAs(spec(Duration.ZERO, 0).schedule());
    }

    private static RecurrenceSpec spec(Duration duration, int jitterSeconds) {
        return new RecurrenceSpec(RuleId.of("rule-nightly"), NIGHTLY, ZoneId.of("America/New_York"), DstPolicy.DEFAULT, duration, jitterSeconds);
    }
}
