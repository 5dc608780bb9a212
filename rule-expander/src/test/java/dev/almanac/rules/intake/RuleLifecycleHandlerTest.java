package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleEnabled;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.horizon.AdvancePass;
import dev.almanac.rules.horizon.HorizonAdvancer;
import dev.almanac.rules.horizon.HorizonMetrics;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

/** Update, pause, resume and deletion against the store on mongo-java-server, with Kafka stood in for and a controllable clock. */
class RuleLifecycleHandlerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final RuleCreated NIGHTLY = RuleSamples.nightly();
    private static final Instant PAUSED_AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant UPDATED_AT = Instant.parse("2026-12-01T00:00:00Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    /** Where the first pass left the horizon: the rule was just created. */
    private final MutableClock clock = new MutableClock(NIGHTLY.activeFrom());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RuleStore store;
    private RuleCreatedHandler created;
    private RuleLifecycleHandler lifecycle;
    private HorizonAdvancer advancer;
    private List<OccurrenceMaterialized> firstPass;

    @BeforeEach
    void aCreatedRule() {
        store = new RuleStore(InMemoryMongo.freshDatabase());
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);
        MaterialisationMetrics metrics = new MaterialisationMetrics(registry);
        Materialiser materialiser = new Materialiser(publisher, store, metrics);
        created = new RuleCreatedHandler(store, planner, materialiser);
        lifecycle = new RuleLifecycleHandler(store, planner, materialiser, new Retractor(publisher, store, planner, metrics, clock),
                new Reviser(publisher, store, planner, metrics, clock), new ExceptionPublisher(publisher, store, planner,
                new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), 5000, 500, TIMEOUT), metrics, clock));
        advancer = new HorizonAdvancer(store, planner, materialiser, clock, new HorizonMetrics(registry),
                new MaterialisationSettings(HORIZON, Duration.ofMinutes(1), 5000, 500, TIMEOUT));
        created.handle(RuleSamples.envelope(NIGHTLY), NIGHTLY).block(TIMEOUT);
        firstPass = publisher.events();
        publisher.clear();
    }

    @Test
    void aPauseRetractsEveryPublishedOccurrenceFromThePauseOnWithItsIdAndEnvelope() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, null, "Venue closed");
        EventMetadata envelope = envelope(paused, 1, PAUSED_AT);

        lifecycle.paused(envelope, paused).block(TIMEOUT);

        List<OccurrenceMaterialized> withdrawn = firstPass.stream().filter(occurrence -> !occurrence.start().isBefore(PAUSED_AT)).toList();
        assertThat(withdrawn).hasSizeGreaterThan(60);
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId)
                .containsExactlyElementsOf(withdrawn.stream().map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.retracted()).allSatisfy(retracted -> {
            assertThat(retracted.ruleVersion()).isEqualTo(1);
            assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_PAUSED);
            assertThat(retracted.calendarId()).isEqualTo(NIGHTLY.calendarId());
        });
        assertThat(publisher.retractions()).allSatisfy(retraction -> {
            assertThat(retraction.metadata().id()).isEqualTo(Identifiers.derive("occurrence-retraction",
                    retraction.event().occurrenceId().value(), "1"));
            assertThat(retraction.metadata().time()).isEqualTo(PAUSED_AT);
            assertThat(retraction.metadata().actor()).isEqualTo(envelope.actor());
            assertThat(retraction.metadata().aggregateVersion()).isEqualTo(1);
        });
        StoredRule stored = store.find(NIGHTLY.ruleId()).block(TIMEOUT);
        assertThat(stored.status()).isEqualTo(RuleStatus.PAUSED);
        assertThat(stored.retractionPending()).isFalse();
        assertThat(registry.counter(MaterialisationMetrics.RETRACTED, "reason", "rule_paused").count()).isEqualTo(withdrawn.size());
    }

    @Test
    void aRedeliveredPauseRetractsNothingMoreAndAnInterruptedOneRetractsTheSameAgain() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, null, null);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        List<OccurrenceRetracted> first = publisher.retracted();
        publisher.clear();

        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        assertThat(publisher.retractions()).as("the retraction was recorded as done").isEmpty();

        // A replica that crashed before recording it: the pause is stored, the retraction still pending.
        RuleStore crashed = new RuleStore(InMemoryMongo.freshDatabase());
        lifecycle = new RuleLifecycleHandler(crashed, new MaterialisationPlanner(HORIZON, 5000), null,
                new Retractor(publisher, crashed, new MaterialisationPlanner(HORIZON, 5000),
                        new MaterialisationMetrics(registry), clock), null, null);
        new RuleCreatedHandler(crashed, new MaterialisationPlanner(HORIZON, 5000),
                new Materialiser(new RecordingPublisher(), crashed, new MaterialisationMetrics(registry)))
                .handle(RuleSamples.envelope(NIGHTLY), NIGHTLY).block(TIMEOUT);
        crashed.recordPause(NIGHTLY.ruleId(), 1, PAUSED_AT, null).block(TIMEOUT);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        assertThat(publisher.retracted()).as("the same retractions, same ids").isEqualTo(first);
    }

    @Test
    void anUpdateRetractsWhatTheNewDefinitionNoLongerProducesAndPublishesItsOwnFromTheUpdateOn() {
        RuleUpdated update = update("15 3 * * *", NIGHTLY.durationSeconds());

        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);

        List<OccurrenceMaterialized> replaced = firstPass.stream().filter(occurrence -> !occurrence.start().isBefore(UPDATED_AT)).toList();
        assertThat(replaced).hasSizeGreaterThan(60);
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId)
                .containsExactlyElementsOf(replaced.stream().map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.retracted()).allSatisfy(retracted -> {
            assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_UPDATED);
            assertThat(retracted.ruleVersion()).isEqualTo(1);
        });
        Instant materialisedUntil = NIGHTLY.activeFrom().plus(HORIZON);
        assertThat(publisher.events()).hasSize(replaced.size()).allSatisfy(occurrence -> {
            assertThat(occurrence.nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(3, 15));
            assertThat(occurrence.start()).isAfterOrEqualTo(UPDATED_AT);
            assertThat(occurrence.resolvedAt()).isBefore(materialisedUntil);
            assertThat(occurrence.ruleVersion()).isEqualTo(1);
        });
        StoredRule stored = store.find(NIGHTLY.ruleId()).block(TIMEOUT);
        assertThat(stored.definition().cron()).isEqualTo("15 3 * * *");
        assertThat(stored.definition().activeFrom()).isEqualTo(NIGHTLY.activeFrom());
        assertThat(stored.updatePending()).isFalse();
        assertThat(stored.materialisedUntil()).isEqualTo(materialisedUntil);
        assertThat(registry.counter(MaterialisationMetrics.RETRACTED, "reason", "rule_updated").count()).isEqualTo(replaced.size());
    }

    @Test
    void anUpdateOfTheDurationAloneRepublishesTheSameOccurrencesWithTheirNewEndAndRetractsNothing() {
        RuleUpdated update = update(NIGHTLY.cron(), 3600);

        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);

        assertThat(publisher.retractions()).isEmpty();
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId)
                .containsExactlyElementsOf(firstPass.stream().filter(occurrence -> !occurrence.start().isBefore(UPDATED_AT))
                        .map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.events()).allSatisfy(occurrence ->
                assertThat(Duration.between(occurrence.start(), occurrence.end())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void anUpdateOfTheResourcesAloneRepublishesTheSameOccurrencesBookingTheNewOnesAndRetractsNothing() {
        assertThat(firstPass).isNotEmpty().allSatisfy(occurrence -> assertThat(occurrence.resources()).isEqualTo(NIGHTLY.resources()));
        List<ResourceBooking> projector = List.of(new ResourceBooking(EventSamples.PROJECTOR, ResourceRole.SECONDARY));
        RuleUpdated update = update(NIGHTLY.cron(), NIGHTLY.durationSeconds(), projector);

        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);

        assertThat(publisher.retractions()).isEmpty();
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId)
                .containsExactlyElementsOf(firstPass.stream().filter(occurrence -> !occurrence.start().isBefore(UPDATED_AT))
                        .map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.events()).allSatisfy(occurrence -> {
            assertThat(occurrence.resources()).isEqualTo(projector);
            assertThat(occurrence.ruleVersion()).isEqualTo(1);
        });
        assertThat(store.find(NIGHTLY.ruleId()).block(TIMEOUT).definition().resources()).isEqualTo(projector);
    }

    @Test
    void anUpdateThatChangesNothingPublishesNothing() {
        RuleUpdated update = update(NIGHTLY.cron(), NIGHTLY.durationSeconds());

        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);

        assertThat(publisher.published()).isEmpty();
        assertThat(publisher.retractions()).isEmpty();
        assertThat(store.find(NIGHTLY.ruleId()).block(TIMEOUT).version()).isEqualTo(1);
    }

    @Test
    void aRedeliveredUpdatePublishesNothingMoreAndAnInterruptedOnePublishesTheSameAgain() {
        RuleUpdated update = update("15 3 * * *", NIGHTLY.durationSeconds());
        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);
        List<?> first = publisher.published();
        List<?> firstRetractions = publisher.retractions();
        publisher.clear();

        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);
        assertThat(publisher.published()).as("the update was recorded as done").isEmpty();
        assertThat(publisher.retractions()).isEmpty();

        // A replica that crashed after storing the update, before its difference was acknowledged.
        StoredRule before = store.find(NIGHTLY.ruleId()).block(TIMEOUT);
        RuleStore crashed = new RuleStore(InMemoryMongo.freshDatabase());
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);
        new RuleCreatedHandler(crashed, planner, new Materialiser(new RecordingPublisher(), crashed, new MaterialisationMetrics(registry)))
                .handle(RuleSamples.envelope(NIGHTLY), NIGHTLY).block(TIMEOUT);
        StoredRule created = crashed.find(NIGHTLY.ruleId()).block(TIMEOUT);
        crashed.recordUpdate(created, 1, before.definition(), UPDATED_AT).block(TIMEOUT);
        lifecycle = new RuleLifecycleHandler(crashed, planner, null, null,
                new Reviser(publisher, crashed, planner, new MaterialisationMetrics(registry), clock), null);
        lifecycle.updated(envelope(update, 1, UPDATED_AT), update).block(TIMEOUT);
        assertThat(publisher.published()).as("the same records, same envelopes").isNotEmpty().isEqualTo(first);
        assertThat(publisher.retractions()).isNotEmpty().isEqualTo(firstRetractions);
    }

    @Test
    void aRulePausedWithoutEndIsUpdatedSilentlyAndResumesWithItsNewDefinition() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT.minus(Duration.ofDays(1)), null, null);
        lifecycle.paused(envelope(paused, 1, paused.pausedAt()), paused).block(TIMEOUT);
        publisher.clear();
        RuleUpdated update = update("15 3 * * *", NIGHTLY.durationSeconds());

        lifecycle.updated(envelope(update, 2, UPDATED_AT), update).block(TIMEOUT);
        assertThat(publisher.published()).isEmpty();
        assertThat(publisher.retractions()).isEmpty();

        Instant resumedAt = UPDATED_AT.plus(Duration.ofDays(2));
        RuleResumed resumed = new RuleResumed(NIGHTLY.ruleId(), resumedAt);
        lifecycle.resumed(envelope(resumed, 3, resumedAt), resumed).block(TIMEOUT);
        assertThat(publisher.events()).isNotEmpty().allSatisfy(occurrence ->
                assertThat(occurrence.nominalLocalTime().toLocalTime()).isEqualTo(LocalTime.of(3, 15)));
    }

    @Test
    void aDisableRetractsLikeAnEndlessPauseAndAnEnableMaterialisesAgainWithTheSameIds() {
        RuleDisabled disabled = new RuleDisabled(NIGHTLY.ruleId(), PAUSED_AT, "Frozen");
        lifecycle.disabled(envelope(disabled, 1, PAUSED_AT), disabled).block(TIMEOUT);

        List<OccurrenceMaterialized> withdrawn = firstPass.stream().filter(occurrence -> !occurrence.start().isBefore(PAUSED_AT)).toList();
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId)
                .containsExactlyElementsOf(withdrawn.stream().map(OccurrenceMaterialized::occurrenceId).toList());
        clock.advance(Duration.ofDays(30));
        publisher.clear();
        assertThat(advancer.advance().published()).as("a disabled rule is not advanced").isZero();

        Instant enabledAt = PAUSED_AT.plus(Duration.ofDays(3));
        RuleEnabled enabled = new RuleEnabled(NIGHTLY.ruleId(), enabledAt);
        lifecycle.enabled(envelope(enabled, 2, enabledAt), enabled).block(TIMEOUT);

        assertThat(publisher.events()).isNotEmpty().allSatisfy(occurrence -> assertThat(occurrence.resolvedAt()).isAfterOrEqualTo(enabledAt));
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId).containsAll(withdrawn.stream()
                .filter(occurrence -> !occurrence.resolvedAt().isBefore(enabledAt)).map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(store.find(NIGHTLY.ruleId()).block(TIMEOUT).status()).isEqualTo(RuleStatus.ACTIVE);
    }

    private static RuleUpdated update(String cron, long durationSeconds) {
        return update(cron, durationSeconds, NIGHTLY.resources());
    }

    private static RuleUpdated update(String cron, long durationSeconds, List<ResourceBooking> resources) {
        return new RuleUpdated(NIGHTLY.ruleId(), UPDATED_AT, NIGHTLY.name(), cron, null, null, NIGHTLY.timezone(),
                NIGHTLY.calendarId(), durationSeconds, NIGHTLY.dstPolicy(), NIGHTLY.jobTemplate(), NIGHTLY.options(), NIGHTLY.metadata(),
                resources);
    }

    @Test
    void aPausedRuleIsNotAdvancedByTheHorizon() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, null, null);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        publisher.clear();
        clock.advance(Duration.ofDays(30));

        assertThat(advancer.advance().published()).isZero();
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void aResumeMaterialisesFromTheResumeWithTheIdsTheExpansionGaveBefore() {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, null, null);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        Instant resumedAt = Instant.parse("2026-12-10T00:00:00Z");
        RuleResumed resumed = new RuleResumed(NIGHTLY.ruleId(), resumedAt);
        publisher.clear();

        lifecycle.resumed(envelope(resumed, 2, resumedAt), resumed).block(TIMEOUT);

        List<OccurrenceId> before = firstPass.stream().filter(occurrence -> !occurrence.resolvedAt().isBefore(resumedAt))
                .map(OccurrenceMaterialized::occurrenceId).toList();
        assertThat(publisher.events()).hasSize(90).allSatisfy(occurrence -> assertThat(occurrence.ruleVersion()).isEqualTo(2));
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId).startsWith(before.toArray(OccurrenceId[]::new));
        assertThat(publisher.events().get(0).resolvedAt()).isEqualTo(Instant.parse("2026-12-10T07:30:00Z"));
        assertThat(publisher.published()).allSatisfy(publication -> assertThat(publication.metadata().time()).isEqualTo(resumedAt));
        StoredRule stored = store.find(NIGHTLY.ruleId()).block(TIMEOUT);
        assertThat(stored.status()).isEqualTo(RuleStatus.ACTIVE);
        assertThat(stored.materialisedUntil()).isEqualTo(resumedAt.plus(HORIZON));
        publisher.clear();

        lifecycle.resumed(envelope(resumed, 2, resumedAt), resumed).block(TIMEOUT);
        assertThat(publisher.published()).as("a redelivered resume").isEmpty();
    }

    /** A resumed rule reads as behind until its pass is acknowledged; the horizon timer leaves it to that pass. */
    @Test
    void theHorizonTimerLeavesAResumedRuleToItsOwnPass() throws Exception {
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, null, null);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);
        Instant resumedAt = Instant.parse("2026-12-10T00:00:00Z");
        RuleResumed resumed = new RuleResumed(NIGHTLY.ruleId(), resumedAt);
        publisher.clear();
        publisher.holdAcknowledgements();

        CompletableFuture<?> resuming = lifecycle.resumed(envelope(resumed, 2, resumedAt), resumed).toFuture();
        Awaitility.await().atMost(TIMEOUT).until(() -> publisher.published().size() == 90);
        AdvancePass meanwhile = advancer.advance();
        publisher.acknowledgeAll();
        resuming.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(meanwhile.published()).isZero();
        assertThat(publisher.events()).hasSize(90).doesNotHaveDuplicates();
    }

    @Test
    void aPauseWithResumeAfterRetractsOnlyItsWindowAndTheHorizonEndsItOnceItPasses() {
        Instant resumeAfter = Instant.parse("2026-12-10T00:00:00Z");
        RulePaused paused = new RulePaused(NIGHTLY.ruleId(), PAUSED_AT, resumeAfter, null);
        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);

        assertThat(publisher.retracted()).hasSize(9).allSatisfy(retracted ->
                assertThat(retracted.start()).isAfterOrEqualTo(PAUSED_AT).isBefore(resumeAfter));
        publisher.clear();

        clock.set(resumeAfter.minusSeconds(1));
        advancer.advance();
        assertThat(store.find(NIGHTLY.ruleId()).block(TIMEOUT).status()).as("not yet").isEqualTo(RuleStatus.PAUSED);
        assertThat(publisher.published()).isEmpty();

        clock.set(resumeAfter.plus(Duration.ofDays(1)));
        advancer.advance();

        StoredRule stored = store.find(NIGHTLY.ruleId()).block(TIMEOUT);
        assertThat(stored.status()).isEqualTo(RuleStatus.ACTIVE);
        assertThat(stored.version()).isEqualTo(1);
        // Published up to the first pass's end before the pause; the timer continues from there, at the pause's version.
        assertThat(publisher.events()).isNotEmpty().allSatisfy(occurrence -> {
            assertThat(occurrence.resolvedAt()).isAfterOrEqualTo(NIGHTLY.activeFrom().plus(HORIZON));
            assertThat(occurrence.ruleVersion()).isEqualTo(1);
        });
    }

    @Test
    void aDeletionRetractsFromTheDeletionOnAndTheRuleIsNeverAdvancedAgain() {
        Instant deletedAt = Instant.parse("2027-01-01T00:00:00Z");
        RuleDeleted deleted = new RuleDeleted(NIGHTLY.ruleId(), deletedAt);

        lifecycle.deleted(envelope(deleted, 1, deletedAt), deleted).block(TIMEOUT);

        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId).containsExactlyElementsOf(firstPass.stream()
                .filter(occurrence -> !occurrence.start().isBefore(deletedAt)).map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.retracted()).allSatisfy(retracted -> assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_DELETED));
        publisher.clear();
        clock.advance(Duration.ofDays(60));

        assertThat(advancer.advance().published()).isZero();
        assertThat(store.find(NIGHTLY.ruleId()).block(TIMEOUT).status()).isEqualTo(RuleStatus.DELETED);
    }

    @Test
    void anOccurrenceThatResolvedBeforeThePauseButStartsAfterItByItsJitterIsRetracted() {
        RuleCreated jittered = RuleSamples.withJitter(RuleSamples.nightly("rule-jittered"), 3600);
        OccurrenceMaterialized late = firstStartingLaterThanItResolves(jittered, 60);
        Instant pausedAt = late.resolvedAt().plusSeconds(30);
        RulePaused paused = new RulePaused(jittered.ruleId(), pausedAt, null, null);
        publisher.clear();

        lifecycle.paused(envelope(paused, 1, pausedAt), paused).block(TIMEOUT);

        assertThat(publisher.retracted()).first().satisfies(first -> assertThat(first.occurrenceId()).isEqualTo(late.occurrenceId()));
    }

    /** A pause withdraws by start, so a resume brings back a run that resolved before it but starts after it. */
    @Test
    void aResumeBringsBackAnOccurrenceThatResolvedBeforeItButStartsAfterItByItsJitter() {
        RuleCreated jittered = RuleSamples.withJitter(RuleSamples.nightly("rule-jittered"), 3600);
        OccurrenceMaterialized late = firstStartingLaterThanItResolves(jittered, 120);
        Instant pausedAt = late.resolvedAt().minusSeconds(30);
        Instant resumedAt = late.resolvedAt().plusSeconds(60);
        RulePaused paused = new RulePaused(jittered.ruleId(), pausedAt, null, null);
        lifecycle.paused(envelope(paused, 1, pausedAt), paused).block(TIMEOUT);
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId).contains(late.occurrenceId());
        publisher.clear();

        RuleResumed resumed = new RuleResumed(jittered.ruleId(), resumedAt);
        lifecycle.resumed(envelope(resumed, 2, resumedAt), resumed).block(TIMEOUT);

        assertThat(publisher.events()).first().satisfies(first -> {
            assertThat(first.occurrenceId()).isEqualTo(late.occurrenceId());
            assertThat(first.start()).isEqualTo(late.start());
            assertThat(first.ruleVersion()).isEqualTo(2);
        });
        assertThat(publisher.events()).doesNotHaveDuplicates()
                .allSatisfy(occurrence -> assertThat(occurrence.start()).isAfterOrEqualTo(resumedAt));
        publisher.clear();

        lifecycle.resumed(envelope(resumed, 2, resumedAt), resumed).block(TIMEOUT);
        assertThat(publisher.published()).as("a redelivered resume").isEmpty();
    }

    @Test
    void aLifecycleEventForARuleThisStoreDoesNotHoldPublishesNothing() {
        RulePaused paused = new RulePaused(dev.almanac.events.rule.RuleId.of("rule-unknown"), PAUSED_AT, null, null);

        lifecycle.paused(envelope(paused, 1, PAUSED_AT), paused).block(TIMEOUT);

        assertThat(publisher.retractions()).isEmpty();
        assertThat(store.find(paused.ruleId()).block(TIMEOUT)).isNull();
    }

    /** Creates {@code rule} and answers the first occurrence of its first pass to start more than {@code seconds} after it resolves. */
    private OccurrenceMaterialized firstStartingLaterThanItResolves(RuleCreated rule, long seconds) {
        publisher.clear();
        created.handle(RuleSamples.envelope(rule), rule).block(TIMEOUT);
        return publisher.events().stream()
                .filter(occurrence -> occurrence.start().isAfter(occurrence.resolvedAt().plusSeconds(seconds)))
                .findFirst().orElseThrow();
    }

    private static EventMetadata envelope(RuleEvent event, long version, @Nullable Instant time) {
        return RuleSamples.envelope(event, version, time);
    }
}
