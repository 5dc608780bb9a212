package dev.almanac.rules.horizon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.rules.intake.TestIntake;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

/**
 * A pause that ends by itself at {@code resume_after} withdraws by start, like any pause, so a run
 * that resolves before its end but starts after it by its jitter runs: the pass that ends the pause
 * publishes it, even when the pause reached past everything published before it.
 */
class LapsedPauseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    /** Hourly in UTC, each start delayed by up to an hour. */
    private static final RuleCreated HOURLY = RuleSamples.withJitter(RuleSamples.withTimezone(
            RuleSamples.withCron(RuleSamples.nightly("rule-hourly-jittered"), "0 * * * *"), java.time.ZoneOffset.UTC), 3600);
    private static final Instant PAUSED_AT = HOURLY.activeFrom().plus(Duration.ofDays(1));

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(HOURLY.activeFrom());
    private RuleStore store;
    private TestIntake intake;
    private HorizonAdvancer advancer;

    @BeforeEach
    void aCreatedRule() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store = new RuleStore(InMemoryMongo.freshDatabase());
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);
        Materialiser materialiser = new Materialiser(publisher, store, new MaterialisationMetrics(registry));
        intake = new TestIntake(store, planner, materialiser, publisher, clock);
        advancer = new HorizonAdvancer(store, planner, materialiser, clock, new HorizonMetrics(registry),
                new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), 5000, 500, TIMEOUT));
        intake.apply(RuleSamples.envelope(HOURLY), HOURLY);
    }

    @Test
    void aPauseEndingBeyondThePublishedHorizonRunsTheOccurrencesThatStartAfterItsEndByTheirJitter() {
        // Five minutes after a run that its jitter delays by more than that, 150 days on.
        Occurrence delayed = occurrences(PAUSED_AT.plus(Duration.ofDays(150)), PAUSED_AT.plus(Duration.ofDays(151))).stream()
                .filter(occurrence -> occurrence.start().isAfter(occurrence.resolvedInstant().plusSeconds(600))).findFirst().orElseThrow();
        Instant resumeAfter = delayed.resolvedInstant().plusSeconds(300);
        pause(resumeAfter);
        List<OccurrenceId> late = occurrences(resumeAfter.minusSeconds(3600), resumeAfter).stream()
                .filter(occurrence -> !occurrence.start().isBefore(resumeAfter)).map(Occurrence::id).toList();
        assertThat(late).as("the pause is long, the jitter an hour: some runs resolve before its end and start after it").isNotEmpty();
        publisher.clear();

        clock.set(resumeAfter.plus(Duration.ofMinutes(1)));
        advancer.advance();

        assertThat(store.find(HOURLY.ruleId()).block(TIMEOUT).status()).isEqualTo(RuleStatus.ACTIVE);
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId).containsAll(late).doesNotHaveDuplicates();
        assertThat(publisher.events()).allSatisfy(occurrence -> {
            assertThat(occurrence.start()).as("nothing that starts inside the pause").isAfterOrEqualTo(resumeAfter);
            assertThat(occurrence.ruleVersion()).isEqualTo(1);
        });
    }

    @Test
    void aPauseEndingInsideThePublishedHorizonPublishesNothingTwice() {
        Instant resumeAfter = PAUSED_AT.plus(Duration.ofDays(10));
        pause(resumeAfter);
        publisher.clear();

        clock.set(resumeAfter.plus(Duration.ofMinutes(1)));
        advancer.advance();

        // Those starting after the pause were never withdrawn; the horizon goes on from where it was.
        assertThat(publisher.events()).allSatisfy(occurrence ->
                assertThat(occurrence.resolvedAt()).isAfterOrEqualTo(HOURLY.activeFrom().plus(HORIZON)));
    }

    private void pause(Instant resumeAfter) {
        RulePaused paused = new RulePaused(HOURLY.ruleId(), PAUSED_AT, resumeAfter, null);
        clock.set(PAUSED_AT);
        intake.apply(RuleSamples.envelope(paused, 1, PAUSED_AT), paused);
    }

    private static List<Occurrence> occurrences(Instant from, Instant until) {
        return RecurrenceExpander.expand(RecurrenceSpec.of(HOURLY), from, until, 100).occurrences();
    }
}
