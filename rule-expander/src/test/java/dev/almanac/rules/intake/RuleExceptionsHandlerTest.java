package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEnded;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.horizon.HorizonAdvancer;
import dev.almanac.rules.horizon.HorizonMetrics;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Publication;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

/**
 * Exceptions to a series and missed-run decisions in rule-expander (ADR 0023): what each publishes,
 * with ids and envelopes derived from the rule event, once per version; and how the horizon, a pause,
 * a resume and an update treat moved and cancelled occurrences afterwards.
 */
class RuleExceptionsHandlerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final RuleCreated NIGHTLY = RuleSamples.nightly();
    private static final RuleId RULE = NIGHTLY.ruleId();
    /** Inside the first pass's horizon (02:30 New York is 07:30Z in winter), and far beyond it (06:30Z in summer). */
    private static final Instant DECEMBER_5 = Instant.parse("2026-12-05T07:30:00Z");
    private static final Instant DECEMBER_6 = Instant.parse("2026-12-06T07:30:00Z");
    private static final Instant JUNE_1 = Instant.parse("2027-06-01T06:30:00Z");
    private static final Instant DECIDED_AT = Instant.parse("2026-11-25T09:00:00Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(NIGHTLY.activeFrom());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RuleStore store;
    private RuleLifecycleHandler lifecycle;
    private HorizonAdvancer advancer;

    @BeforeEach
    void aCreatedRule() {
        store = new RuleStore(InMemoryMongo.freshDatabase());
        lifecycle = handlerOn(store);
        new RuleCreatedHandler(store, new MaterialisationPlanner(HORIZON, 5000),
                new Materialiser(publisher, store, new MaterialisationMetrics(registry)))
                .handle(RuleSamples.envelope(NIGHTLY), NIGHTLY).block(TIMEOUT);
        publisher.clear();
    }

    private RuleLifecycleHandler handlerOn(RuleStore rules) {
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);
        MaterialisationMetrics metrics = new MaterialisationMetrics(registry);
        Materialiser materialiser = new Materialiser(publisher, rules, metrics);
        MaterialisationSettings settings = new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), 5000, 500, TIMEOUT);
        advancer = new HorizonAdvancer(rules, planner, materialiser, clock, new HorizonMetrics(registry), settings);
        return new RuleLifecycleHandler(rules, planner, materialiser, new Retractor(publisher, rules, planner, metrics, clock),
                new Reviser(publisher, rules, planner, metrics, clock), new ExceptionPublisher(publisher, rules, planner, settings, metrics,
                clock));
    }

    @Test
    void aMoveIsPublishedAtOnceWithTheOccurrencesIdAndTheRuleEventsVersionAndEnvelope() {
        Instant movedTo = Instant.parse("2026-12-04T20:00:00Z");
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, DECEMBER_5), DECEMBER_5, movedTo, DECIDED_AT, "gala");
        EventMetadata envelope = envelope(moved, 1);

        lifecycle.occurrenceMoved(envelope, moved).block(TIMEOUT);

        Publication published = publisher.published().get(0);
        assertThat(publisher.published()).hasSize(1);
        assertThat(published.event().occurrenceId()).isEqualTo(OccurrenceId.of(RULE, DECEMBER_5));
        assertThat(published.event().resolvedAt()).isEqualTo(DECEMBER_5);
        assertThat(published.event().start()).isEqualTo(movedTo);
        assertThat(published.event().end()).isEqualTo(movedTo.plusSeconds(NIGHTLY.durationSeconds()));
        assertThat(published.event().movedFrom()).isEqualTo(DECEMBER_5);
        assertThat(published.event().resources()).as("it books what its rule books").isNotEmpty().isEqualTo(NIGHTLY.resources());
        assertThat(published.event().ruleVersion()).isEqualTo(1);
        assertThat(published.metadata().id()).isEqualTo(Identifiers.derive("occurrence-event", moved.occurrenceId().value(), "1"));
        assertThat(published.metadata().actor()).isEqualTo(envelope.actor());
        assertThat(published.metadata().time()).isEqualTo(DECIDED_AT);

        publisher.clear();
        lifecycle.occurrenceMoved(envelope, moved).block(TIMEOUT);
        assertThat(publisher.published()).as("a redelivery after the work was recorded as done").isEmpty();
    }

    @Test
    void aMoveInterruptedBeforeItWasRecordedDonePublishesTheSameRecordAgain() {
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, JUNE_1), JUNE_1,
                Instant.parse("2026-11-28T15:00:00Z"), DECIDED_AT, null);
        lifecycle.occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);
        List<Publication> first = publisher.published();
        publisher.clear();

        RuleStore crashed = new RuleStore(InMemoryMongo.freshDatabase());
        new RuleCreatedHandler(crashed, new MaterialisationPlanner(HORIZON, 5000),
                new Materialiser(new RecordingPublisher(), crashed, new MaterialisationMetrics(registry)))
                .handle(RuleSamples.envelope(NIGHTLY), NIGHTLY).block(TIMEOUT);
        crashed.recordExceptions(crashed.find(RULE).block(TIMEOUT), 1, store.find(RULE).block(TIMEOUT).exceptions()).block(TIMEOUT);
        handlerOn(crashed).occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);

        assertThat(first).as("moved from beyond the horizon to within it: published at once").hasSize(1);
        assertThat(publisher.published()).isEqualTo(first);
    }

    @Test
    void theHorizonNeverPublishesAMovedOrCancelledOccurrenceWhereTheSeriesHadIt() {
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, JUNE_1), JUNE_1,
                Instant.parse("2026-11-28T15:00:00Z"), DECIDED_AT, null);
        Instant june2 = JUNE_1.plus(Duration.ofDays(1));
        RuleOccurrenceCancelled cancelled = new RuleOccurrenceCancelled(RULE, OccurrenceId.of(RULE, june2), june2, DECIDED_AT, null);
        lifecycle.occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);
        lifecycle.occurrenceCancelled(envelope(cancelled, 2), cancelled).block(TIMEOUT);
        assertThat(publisher.retracted()).as("June 2 was never published, so nothing is withdrawn").isEmpty();
        publisher.clear();

        clock.set(Instant.parse("2027-03-20T00:00:00Z"));
        while (advancer.advance().published() > 0) {
            // Each pass publishes at most 5,000 per rule; this rule needs a few.
        }

        assertThat(publisher.events()).extracting(OccurrenceMaterialized::resolvedAt)
                .contains(JUNE_1.minus(Duration.ofDays(1)), JUNE_1.plus(Duration.ofDays(2)))
                .doesNotContain(JUNE_1, june2);
        assertThat(publisher.events()).allSatisfy(occurrence -> assertThat(occurrence.ruleVersion()).isEqualTo(2));
    }

    @Test
    void aCancellationWithdrawsAPublishedOccurrenceWhereItStood() {
        Instant movedTo = Instant.parse("2026-12-05T12:00:00Z");
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, DECEMBER_5), DECEMBER_5, movedTo, DECIDED_AT, null);
        RuleOccurrenceCancelled cancelled = new RuleOccurrenceCancelled(RULE, OccurrenceId.of(RULE, DECEMBER_5), DECEMBER_5, DECIDED_AT,
                "holiday");
        RuleOccurrenceCancelled another = new RuleOccurrenceCancelled(RULE, OccurrenceId.of(RULE, DECEMBER_6), DECEMBER_6, DECIDED_AT, null);
        lifecycle.occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);
        publisher.clear();

        lifecycle.occurrenceCancelled(envelope(cancelled, 2), cancelled).block(TIMEOUT);
        lifecycle.occurrenceCancelled(envelope(another, 3), another).block(TIMEOUT);

        assertThat(publisher.retracted()).containsExactly(
                new OccurrenceRetracted(OccurrenceId.of(RULE, DECEMBER_5), RULE, 2, NIGHTLY.calendarId(), movedTo,
                        movedTo.plusSeconds(NIGHTLY.durationSeconds()), RetractionReason.OCCURRENCE_CANCELLED),
                new OccurrenceRetracted(OccurrenceId.of(RULE, DECEMBER_6), RULE, 3, NIGHTLY.calendarId(), DECEMBER_6,
                        DECEMBER_6.plusSeconds(NIGHTLY.durationSeconds()), RetractionReason.OCCURRENCE_CANCELLED));
        assertThat(publisher.retractions().get(0).metadata().id())
                .isEqualTo(Identifiers.derive("occurrence-retraction", OccurrenceId.of(RULE, DECEMBER_5).value(), "2"));
    }

    @Test
    void theEndOfTheSeriesWithdrawsEverythingFromTheSeamOnAndNothingBefore() {
        Instant movedPastTheSeam = Instant.parse("2026-12-20T12:00:00Z");
        Instant december4 = DECEMBER_5.minus(Duration.ofDays(1));
        RuleOccurrenceMoved movedOut = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, december4), december4, movedPastTheSeam,
                DECIDED_AT, null);
        RuleOccurrenceMoved movedIn = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, JUNE_1), JUNE_1,
                Instant.parse("2026-11-30T12:00:00Z"), DECIDED_AT, null);
        RuleEnded ended = new RuleEnded(RULE, DECEMBER_5, DECIDED_AT, RuleId.of("rule-nightly-v2"));
        lifecycle.occurrenceMoved(envelope(movedOut, 1), movedOut).block(TIMEOUT);
        lifecycle.occurrenceMoved(envelope(movedIn, 2), movedIn).block(TIMEOUT);
        publisher.clear();

        lifecycle.ended(envelope(ended, 3), ended).block(TIMEOUT);

        assertThat(publisher.retracted()).allSatisfy(retracted -> {
            assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_ENDED);
            assertThat(retracted.ruleVersion()).isEqualTo(3);
        });
        List<OccurrenceId> withdrawn = publisher.retracted().stream().map(OccurrenceRetracted::occurrenceId).toList();
        assertThat(withdrawn).as("the seam itself, the series after it, a move from past the seam")
                .contains(OccurrenceId.of(RULE, DECEMBER_5), OccurrenceId.of(RULE, DECEMBER_6), OccurrenceId.of(RULE, JUNE_1))
                .doesNotContain(OccurrenceId.of(RULE, december4), OccurrenceId.of(RULE, december4.minus(Duration.ofDays(1))));
        assertThat(withdrawn).doesNotHaveDuplicates();
        publisher.clear();

        clock.set(Instant.parse("2027-01-10T00:00:00Z"));
        advancer.advance();
        assertThat(publisher.events()).as("nothing past the end, ever").isEmpty();
    }

    @Test
    void missedRunDecisionsPublishABackfillAMoveOrAWithdrawal() {
        OccurrenceId missed = OccurrenceId.of(RULE, DECEMBER_5);
        Instant approvedAt = Instant.parse("2026-12-05T09:00:00Z");
        OccurrenceId run = OccurrenceId.backfillOf(missed, DECEMBER_5);
        RuleMissedRunDecided approved = new RuleMissedRunDecided(RULE, missed, DECEMBER_5, DECEMBER_5, MissedRunAction.APPROVE_BACKFILL_RUN,
                approvedAt, run, approvedAt, null);
        lifecycle.missedRunDecided(envelope(approved, 1), approved).block(TIMEOUT);

        OccurrenceMaterialized backfill = publisher.events().get(0);
        assertThat(backfill.occurrenceId()).isEqualTo(run);
        assertThat(backfill.backfillOf()).isEqualTo(missed);
        assertThat(backfill.resolvedAt()).isEqualTo(DECEMBER_5);
        assertThat(backfill.start()).isEqualTo(approvedAt);
        assertThat(backfill.nominalLocalTime()).isEqualTo(LocalDateTime.parse("2026-12-05T02:30:00"));
        assertThat(backfill.resources()).as("a backfill run books what its rule books").isNotEmpty().isEqualTo(NIGHTLY.resources());
        publisher.clear();

        Instant tonight = Instant.parse("2026-12-06T01:00:00Z");
        OccurrenceId other = OccurrenceId.of(RULE, DECEMBER_6);
        RuleMissedRunDecided rescheduled = new RuleMissedRunDecided(RULE, other, DECEMBER_6, DECEMBER_6, MissedRunAction.RESCHEDULE,
                tonight, null, approvedAt, null);
        lifecycle.missedRunDecided(envelope(rescheduled, 2), rescheduled).block(TIMEOUT);
        assertThat(publisher.events()).singleElement().satisfies(moved -> {
            assertThat(moved.occurrenceId()).isEqualTo(other);
            assertThat(moved.start()).isEqualTo(tonight);
            assertThat(moved.movedFrom()).isEqualTo(DECEMBER_6);
        });
        publisher.clear();

        RuleMissedRunDecided deleted = new RuleMissedRunDecided(RULE, other, DECEMBER_6, tonight, MissedRunAction.DELETE_MISSED, null, null,
                approvedAt, null);
        lifecycle.missedRunDecided(envelope(deleted, 3), deleted).block(TIMEOUT);
        assertThat(publisher.retracted()).containsExactly(new OccurrenceRetracted(other, RULE, 3, NIGHTLY.calendarId(), tonight,
                tonight.plusSeconds(NIGHTLY.durationSeconds()), RetractionReason.MISSED_DELETED));
    }

    @Test
    void aPauseWithdrawsAMovedOccurrenceInsideItAndTheResumeBringsItBack() {
        Instant movedTo = Instant.parse("2026-12-10T15:00:00Z");
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, JUNE_1), JUNE_1, movedTo, DECIDED_AT, null);
        lifecycle.occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);
        publisher.clear();
        RulePaused paused = new RulePaused(RULE, Instant.parse("2026-12-01T00:00:00Z"), null, null);
        RuleResumed resumed = new RuleResumed(RULE, Instant.parse("2026-12-08T00:00:00Z"));

        lifecycle.paused(envelope(paused, 2), paused).block(TIMEOUT);
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId).contains(OccurrenceId.of(RULE, JUNE_1));
        publisher.clear();
        lifecycle.resumed(envelope(resumed, 3), resumed).block(TIMEOUT);

        assertThat(publisher.events()).filteredOn(occurrence -> occurrence.occurrenceId().equals(OccurrenceId.of(RULE, JUNE_1)))
                .singleElement().satisfies(back -> {
                    assertThat(back.start()).isEqualTo(movedTo);
                    assertThat(back.ruleVersion()).isEqualTo(3);
                });
    }

    @Test
    void anUpdateWithdrawsAMoveItsNewScheduleNoLongerProducesAndRepublishesOneItStillDoes() {
        Instant dec5MovedTo = Instant.parse("2026-12-05T20:00:00Z");
        Instant dec6MovedTo = Instant.parse("2026-12-06T20:00:00Z");
        RuleOccurrenceMoved first = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, DECEMBER_5), DECEMBER_5, dec5MovedTo, DECIDED_AT, null);
        RuleOccurrenceMoved second = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, DECEMBER_6), DECEMBER_6, dec6MovedTo, DECIDED_AT, null);
        lifecycle.occurrenceMoved(envelope(first, 1), first).block(TIMEOUT);
        lifecycle.occurrenceMoved(envelope(second, 2), second).block(TIMEOUT);
        publisher.clear();
        // Saturdays only (5 December 2026 is a Saturday, the 6th a Sunday), and 30 minutes long.
        RuleUpdated update = new RuleUpdated(RULE, DECIDED_AT, NIGHTLY.name(), "30 2 * * 6", null, null, NIGHTLY.timezone(),
                NIGHTLY.calendarId(), 1800, NIGHTLY.dstPolicy(), NIGHTLY.jobTemplate(), NIGHTLY.options(), NIGHTLY.metadata());

        lifecycle.updated(envelope(update, 3), update).block(TIMEOUT);

        assertThat(publisher.retracted()).filteredOn(retracted -> retracted.occurrenceId().equals(OccurrenceId.of(RULE, DECEMBER_6)))
                .singleElement().satisfies(retracted -> {
                    assertThat(retracted.start()).isEqualTo(dec6MovedTo);
                    assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_UPDATED);
                });
        assertThat(publisher.events()).filteredOn(occurrence -> occurrence.occurrenceId().equals(OccurrenceId.of(RULE, DECEMBER_5)))
                .singleElement().satisfies(republished -> {
                    assertThat(republished.start()).isEqualTo(dec5MovedTo);
                    assertThat(republished.end()).isEqualTo(dec5MovedTo.plusSeconds(1800));
                    assertThat(republished.ruleVersion()).isEqualTo(3);
                });
    }

    /** New York springs forward on 14 March 2027: 02:30 runs at 03:30 EDT (07:30Z), shifted by the gap. */
    @Test
    void anOccurrenceShiftedByTheSpringGapKeepsItsResolutionWhenMoved() {
        Instant shifted = Instant.parse("2027-03-14T07:30:00Z");
        Instant movedTo = Instant.parse("2027-03-14T14:00:00Z");
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(RULE, OccurrenceId.of(RULE, shifted), shifted, movedTo, DECIDED_AT, null);

        lifecycle.occurrenceMoved(envelope(moved, 1), moved).block(TIMEOUT);

        assertThat(publisher.events()).singleElement().satisfies(event -> {
            assertThat(event.nominalLocalTime()).isEqualTo(LocalDateTime.parse("2027-03-14T02:30:00"));
            assertThat(event.dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
            assertThat(event.resolvedAt()).isEqualTo(shifted);
            assertThat(event.movedFrom()).isEqualTo(shifted);
            assertThat(event.start()).isEqualTo(movedTo);
        });
    }

    private static EventMetadata envelope(RuleEvent event, long version) {
        return new EventMetadata(Identifiers.derive("rule-event", event.subject(), String.valueOf(version)),
                EventCatalog.of(event).ceType(), "/almanac/command-service", DECIDED_AT, event.subject(), version,
                "ops-lead", "corr-" + event.subject() + "-" + version, RuleSamples.TRACEPARENT);
    }
}
