package dev.almanac.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.recurrence.InvalidCronException;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.rules.testing.RuleSamples;

class RuleDefinitionTest {

    @Test
    void rebuildsTheSameSpecTheEngineBuildsFromTheCreatingEvent() {
        RuleCreated sample = RuleSamples.withJitter(EventSamples.ruleCreated(), 300);

        assertThat(RuleDefinition.of(sample).spec()).isEqualTo(RecurrenceSpec.of(sample));
    }

    @Test
    void keepsWhatEachOccurrenceCarries() {
        RuleCreated sample = EventSamples.ruleCreated();

        RuleDefinition definition = RuleDefinition.of(sample);

        assertThat(definition.name()).isEqualTo(sample.name());
        assertThat(definition.jobType()).isEqualTo(sample.jobTemplate().type());
        assertThat(definition.calendarId()).isEqualTo(sample.calendarId());
        assertThat(definition.activeFrom()).isEqualTo(sample.activeFrom());
    }

    @Test
    void aCronThatNeverFiresHasNoSpec() {
        RuleDefinition definition = RuleDefinition.of(RuleSamples.withCron(EventSamples.ruleCreated(), "0 0 30 2 *"));

        assertThatThrownBy(definition::spec).isInstanceOf(InvalidCronException.class).hasMessageContaining("never fires");
    }
}
