package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.EventSamples;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationResult;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Publication;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

class RuleCreatedHandlerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private RuleStore store;
    private Materialiser materialiser;
    private RuleCreatedHandler handler;

    @BeforeEach
    void handler() {
        handlerOn(new RuleStore(InMemoryMongo.freshDatabase()));
    }

    private void handlerOn(RuleStore rules) {
        store = rules;
        materialiser = new Materialiser(publisher, store, new MaterialisationMetrics(new SimpleMeterRegistry()));
        handler = new RuleCreatedHandler(store, new MaterialisationPlanner(HORIZON, 5000), materialiser);
    }

    /** The stored rule reads as behind until its first pass is acknowledged: the horizon timer must leave it to that pass. */
    @Test
    void aNewRulesPassIsUnderWayFromItsStoringUntilItsOccurrencesAreAcknowledged() throws Exception {
        RuleCreated nightly = EventSamples.ruleCreated();
        AtomicBoolean underWayAsItWasStored = new AtomicBoolean();
        handlerOn(new RuleStore(InMemoryMongo.freshDatabase()) {
            @Override
            public Mono<Boolean> recordCreation(StoredRule rule) {
                return Mono.defer(() -> {
                    // Before the insert, and so before the pass could mark the rule itself.
                    underWayAsItWasStored.set(materialiser.hasPassUnderWay(rule.ruleId()));
                    return super.recordCreation(rule);
                });
            }
        });
        publisher.holdAcknowledgements();

        CompletableFuture<MaterialisationResult> handled = handler.handle(RuleSamples.envelope(nightly), nightly).toFuture();
        Awaitility.await().atMost(TIMEOUT).until(() -> publisher.events().size() == 90);
        boolean underWayWhilePublishing = materialiser.hasPassUnderWay(nightly.ruleId());
        publisher.acknowledgeAll();
        handled.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(underWayAsItWasStored).isTrue();
        assertThat(underWayWhilePublishing).isTrue();
        // The mark goes once the pass has ended, just after its result reached the caller.
        Awaitility.await().atMost(TIMEOUT).until(() -> !materialiser.hasPassUnderWay(nightly.ruleId()));
    }

    @Test
    void aNewRuleIsStoredAndItsFirstPassPublishedBeforeMaterialisedUntilMoves() {
        RuleCreated nightly = EventSamples.ruleCreated();
        EventMetadata envelope = RuleSamples.envelope(nightly);

        MaterialisationResult result = handler.handle(envelope, nightly).block(TIMEOUT);

        assertThat(result.published()).isEqualTo(90);
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::ruleId).containsOnly(nightly.ruleId());
        StoredRule stored = store.find(nightly.ruleId()).block(TIMEOUT);
        assertThat(stored.version()).isEqualTo(envelope.aggregateVersion());
        assertThat(stored.origin().correlationId()).isEqualTo(envelope.correlationId());
        assertThat(stored.materialisedUntil()).isEqualTo(nightly.activeFrom().plus(HORIZON));
    }

    @Test
    void aRuleScheduledByAnRruleIsMaterialisedByItsRuleWithoutItsExdates() {
        RuleCreated mondays = RuleSamples.withRRule(EventSamples.ruleCreated(), new RecurrenceRule("FREQ=WEEKLY;BYDAY=MO",
                LocalDateTime.parse("2026-11-23T09:00:00"), List.of(LocalDateTime.parse("2026-12-28T09:00:00")), List.of()));

        MaterialisationResult result = handler.handle(RuleSamples.envelope(mondays), mondays).block(TIMEOUT);

        // 13 Mondays from 23 November to 15 February, the horizon's last, less the one excluded.
        assertThat(result.published()).isEqualTo(12);
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::nominalLocalTime)
                .allMatch(local -> local.getDayOfWeek() == DayOfWeek.MONDAY && local.getHour() == 9)
                .doesNotContain(LocalDateTime.parse("2026-12-28T09:00:00"));
    }

    @Test
    void aRedeliveredCreationPublishesNothingOnceItsPassIsRecorded() {
        RuleCreated nightly = EventSamples.ruleCreated();
        handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT);
        publisher.clear();

        MaterialisationResult redelivered = handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT);

        assertThat(redelivered).isNull();
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void aRedeliveryAfterARefusedPassPublishesTheSameRecordsAgain() {
        RuleCreated nightly = EventSamples.ruleCreated();
        publisher.failWhen(event -> event.nominalLocalTime().getDayOfMonth() == 25);
        assertThatThrownBy(() -> handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT))
                .hasMessageContaining("broker refused");
        List<Publication> attempted = publisher.published();
        publisher.clear();
        publisher.failWhen(event -> false);

        handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT);

        assertThat(publisher.published()).hasSize(90).containsExactlyElementsOf(attempted);
        assertThat(store.find(nightly.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(nightly.activeFrom().plus(HORIZON));
    }

    @Test
    void aBusyRuleStopsAtTheCapAndARedeliveryContinuesWhereThePassEnded() {
        Instant activeFrom = Instant.parse("2026-11-20T12:00:00Z");
        RuleCreated everyMinute = RuleSamples.everyMinute("rule-every-minute", activeFrom);

        handler.handle(RuleSamples.envelope(everyMinute), everyMinute).block(TIMEOUT);
        List<OccurrenceMaterialized> first = publisher.events();
        publisher.clear();
        handler.handle(RuleSamples.envelope(everyMinute), everyMinute).block(TIMEOUT);
        List<OccurrenceMaterialized> continued = publisher.events();

        assertThat(first).hasSize(5000);
        assertThat(continued).hasSize(5000);
        assertThat(continued.get(0).resolvedAt()).isEqualTo(activeFrom.plus(Duration.ofMinutes(5000)));
        assertThat(store.find(everyMinute.ruleId()).block(TIMEOUT).materialisedUntil())
                .isEqualTo(activeFrom.plus(Duration.ofMinutes(10_000)));
    }

    @Test
    void aPassThatAnotherWriterOvertookDoesNotMoveMaterialisedUntilBack() {
        RuleCreated nightly = EventSamples.ruleCreated();
        publisher.holdAcknowledgements();
        Mono<MaterialisationResult> pass = handler.handle(RuleSamples.envelope(nightly), nightly).cache();
        pass.subscribe();
        Awaitility.await().atMost(TIMEOUT).until(() -> publisher.published().size() == 90);
        // Stored by this delivery and not read back: another replica's horizon pass moves the rule on meanwhile.
        Instant further = nightly.activeFrom().plus(HORIZON).plus(Duration.ofDays(1));
        assertThat(store.moveMaterialisedUntil(nightly.ruleId(), 0, nightly.activeFrom(), further).block(TIMEOUT)).isTrue();

        publisher.acknowledgeAll();

        assertThat(pass.block(TIMEOUT).moved()).isFalse();
        assertThat(store.find(nightly.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(further);
    }

    @Test
    void aPassFromTheRuleAsDeliveredPublishesWhatAPassFromTheStoredRuleWould() {
        // The store keeps materialised_until to the millisecond; the event's instant is finer.
        RuleCreated nightly = RuleSamples.activeFrom(EventSamples.ruleCreated(),
                EventSamples.ruleCreated().activeFrom().plusNanos(123_456_789));
        publisher.failWhen(event -> true);
        assertThatThrownBy(() -> handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT))
                .hasMessageContaining("broker refused");
        List<Publication> fromTheEvent = publisher.published();
        publisher.clear();
        publisher.failWhen(event -> false);

        MaterialisationResult fromTheStore = handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT);

        assertThat(fromTheEvent).hasSize(90);
        assertThat(publisher.published()).containsExactlyElementsOf(fromTheEvent);
        assertThat(fromTheStore.moved()).isTrue();
    }

    @Test
    void aRuleStartingBetweenMillisecondsIsRecordedByItsFirstDelivery() {
        RuleCreated nightly = RuleSamples.activeFrom(EventSamples.ruleCreated(),
                EventSamples.ruleCreated().activeFrom().plusNanos(123_456_789));

        MaterialisationResult result = handler.handle(RuleSamples.envelope(nightly), nightly).block(TIMEOUT);

        assertThat(result.moved()).isTrue();
        assertThat(store.find(nightly.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(result.coveredUntil());
    }

    @Test
    void aRuleThatCanNeverBeExpandedIsPoisonAndLeavesNoState() {
        RuleCreated neverFires = RuleSamples.withCron(RuleSamples.nightly("rule-30-february"), "0 0 30 2 *");

        assertThatThrownBy(() -> handler.handle(RuleSamples.envelope(neverFires), neverFires).block(TIMEOUT))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("rule-30-february");

        assertThat(store.find(neverFires.ruleId()).block(TIMEOUT)).isNull();
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void aReplayedCreationLeavesARuleAtANewerVersionAlone() {
        RuleCreated nightly = EventSamples.ruleCreated();
        store.recordCreation(StoredRule.created(nightly, RuleSamples.envelope(nightly, 3))).block(TIMEOUT);

        MaterialisationResult replayed = handler.handle(RuleSamples.envelope(nightly, 0), nightly).block(TIMEOUT);

        assertThat(replayed).isNull();
        assertThat(publisher.published()).isEmpty();
        assertThat(store.find(nightly.ruleId()).block(TIMEOUT).version()).isEqualTo(3);
    }
}
