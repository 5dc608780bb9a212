package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleOptions;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.query.support.Received;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/** The sample rule runs at 02:30 in New York (07:30Z in winter), active from 2026-11-20T12:00Z. */
class RuleNextRunTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final RuleCreated CREATED = EventSamples.ruleCreated();
    private static final Rule ACTIVE = Rule.created(CREATED, Received.metadata(CREATED, 0, Received.TIME));

    @Test
    void anActiveRuleRunsNextAtItsNextOccurrence() {
        assertThat(ACTIVE.nextRunAt(NOW)).isEqualTo(Instant.parse("2026-11-23T07:30:00Z"));
        assertThat(RuleView.of(ACTIVE, NOW).nextRun()).isEqualTo(Instant.parse("2026-11-23T07:30:00Z"));
    }

    @Test
    void theSpringForwardGapShiftsTheRunAsTheRulesPolicySays() {
        // 02:30 does not exist in New York on 2027-03-14; the default policy runs it at 03:30 EDT.
        assertThat(ACTIVE.nextRunAt(Instant.parse("2027-03-14T05:00:00Z"))).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
    }

    @Test
    void aPauseWithoutAnEndHasNoNextRunAndOneWithAnEndRunsFromThere() {
        Rule paused = paused(null);
        assertThat(paused.nextRunAt(NOW)).isNull();
        assertThat(RuleView.of(paused, NOW).nextRun()).isNull();

        Rule pausedUntil = paused(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(pausedUntil.nextRunAt(NOW)).isEqualTo(Instant.parse("2026-11-25T07:30:00Z"));
        // Once resume_after has passed the rule is active again.
        assertThat(pausedUntil.nextRunAt(Instant.parse("2026-11-26T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-27T07:30:00Z"));
    }

    @Test
    void aDeletedRuleNeverRunsAgain() {
        RuleDeleted deleted = new RuleDeleted(CREATED.ruleId(), NOW);
        Rule gone = Rule.deleted(ACTIVE, deleted, Received.metadata(deleted, 1, NOW));
        assertThat(gone.nextRunAt(NOW)).isNull();
    }

    @Test
    void aRuleDoesNotRunBeforeItIsActive() {
        assertThat(ACTIVE.nextRunAt(Instant.parse("2026-11-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
    }

    /**
     * Jitter starts each run up to an hour after it resolves, so the next run may have resolved
     * before now, and a later run may start before an earlier one: the answer is the first start
     * after now (for a pause with an end, from its end on) among the runs from {@code active_from} on.
     */
    @Test
    void aJitteredRuleRunsNextAtTheFirstStartAfterNowThoughItResolvedBefore() {
        RuleCreated sweep = new RuleCreated(CREATED.ruleId(), "Sweep", "*/5 * * * *", CREATED.timezone(), CREATED.calendarId(), 60,
                CREATED.activeFrom(), CREATED.dstPolicy(), CREATED.jobTemplate(),
                new RuleOptions(1, 3600, RetryPolicy.EXPONENTIAL, false, 100), CREATED.metadata(), null, null, CREATED.resources());
        Rule rule = Rule.created(sweep, Received.metadata(sweep, 0, Received.TIME));
        Occurrence expected = firstToStartAfter(sweep, NOW);
        assertThat(expected.resolvedInstant()).as("the case this test is about").isBefore(NOW);

        assertThat(rule.nextRunAt(NOW)).isEqualTo(expected.start());
        assertThat(RuleView.of(rule, NOW).nextRun()).isEqualTo(expected.start());

        Instant resumeAfter = NOW.plus(Duration.ofDays(1));
        RulePaused pause = new RulePaused(CREATED.ruleId(), NOW.minusSeconds(60), resumeAfter, null);
        Rule paused = Rule.paused(rule, pause, Received.metadata(pause, 1, NOW.minusSeconds(60)));
        // A pause withdraws the runs starting before its end; one resolved before it but starting after it stays.
        assertThat(paused.nextRunAt(NOW)).isEqualTo(firstToStartAfter(sweep, resumeAfter.minusNanos(1)).start());
    }

    private static Occurrence firstToStartAfter(RuleCreated rule, Instant after) {
        return RecurrenceExpander.expand(RecurrenceSpec.of(rule), after.minus(Duration.ofHours(1)), after.plus(Duration.ofHours(2)), 1000)
                .occurrences().stream()
                .filter(occurrence -> occurrence.start().isAfter(after))
                .min(Comparator.comparing(Occurrence::start)).orElseThrow();
    }

    private static Rule paused(Instant resumeAfter) {
        RulePaused pause = new RulePaused(CREATED.ruleId(), NOW.minusSeconds(60), resumeAfter, "maintenance");
        return Rule.paused(ACTIVE, pause, Received.metadata(pause, 1, NOW.minusSeconds(60)));
    }
}
