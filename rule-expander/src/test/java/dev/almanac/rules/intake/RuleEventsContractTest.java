package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.rules.materialisation.ExceptionPublisher;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Retractor;
import dev.almanac.rules.materialisation.Reviser;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;

/** rule-expander as a consumer of almanac.rules.v1, fed the wire samples its producer's tests wrote. */
class RuleEventsContractTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final RuleStore store = new RuleStore(InMemoryMongo.freshDatabase());
    private final MaterialisationPlanner planner = new MaterialisationPlanner(Duration.ofDays(90), 5000);
    private final MaterialisationMetrics metrics = new MaterialisationMetrics(new SimpleMeterRegistry());
    private final Materialiser materialiser = new Materialiser(publisher, store, metrics);
    /** Where the rule's first pass left the horizon, so that the retractions cover exactly what was published. */
    private final MutableClock clock = new MutableClock(EventSamples.ruleCreated().activeFrom());
    private final RuleEvents events = new RuleEvents(new RuleCreatedHandler(store, planner, materialiser),
            new RuleLifecycleHandler(store, planner, materialiser, new Retractor(publisher, store, planner, metrics, clock),
                    new Reviser(publisher, store, planner, metrics, clock), new ExceptionPublisher(publisher, store, planner,
                    new MaterialisationSettings(Duration.ofDays(90), Duration.ofMinutes(1), 5000, 500, Duration.ofSeconds(10)), metrics,
                    clock)));

    @Test
    void decidesEveryTypeOfTheRulesTopic() {
        var decisions = ConsumerContract.assertDecidesEveryType(events.decider());

        // A change request's events, a run now and a reminder (ADR 0079) change no occurrence of the series.
        assertThat(decisions).hasSize(17).allSatisfy((type, decision) -> assertThat(decision)
                .isInstanceOf(type.startsWith("dev.almanac.rule.RuleChange") || type.equals("dev.almanac.rule.RuleRunRequested.v1")
                        || type.startsWith("dev.almanac.rule.RuleReminder") ? Decision.Ignore.class : Decision.Handle.class));
    }

    @Test
    void theRuleCreatedOnTheWireIsStoredAndMaterialised() {
        ReceivedEvent received = WireSamples.received(RuleCreated.class);
        RuleCreated rule = (RuleCreated) received.event();

        Decision<Mono<?>> decision = events.decider().decide(received);
        ConsumerContract.handled(decision).block(Duration.ofSeconds(10));

        assertThat(store.find(rule.ruleId()).block(Duration.ofSeconds(5))).isNotNull();
        assertThat(publisher.events()).isNotEmpty().allSatisfy(occurrence -> {
            assertThat(occurrence.ruleId()).isEqualTo(rule.ruleId());
            assertThat(occurrence.start()).isAfterOrEqualTo(rule.activeFrom());
        });
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::resolvedAt)
                .allMatch(at -> at.isBefore(rule.activeFrom().plus(Duration.ofDays(90))), "inside the horizon")
                .isSortedAccordingTo(Instant::compareTo);
    }

    /** The samples are one rule's history: created, paused until spring, resumed early, deleted. */
    @Test
    void theRuleLifecycleOnTheWireRetractsRematerialisesAndRetractsAgain() {
        apply(RuleCreated.class);
        List<OccurrenceMaterialized> created = publisher.events();
        RulePaused paused = (RulePaused) apply(RulePaused.class).event();

        assertThat(publisher.retracted()).isNotEmpty().allSatisfy(retracted -> {
            assertThat(retracted.start()).isAfterOrEqualTo(paused.pausedAt()).isBefore(paused.resumeAfter());
            assertThat(retracted.ruleVersion()).isEqualTo(1);
        });
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId).containsExactlyElementsOf(created.stream()
                .filter(occurrence -> !occurrence.start().isBefore(paused.pausedAt())).map(OccurrenceMaterialized::occurrenceId).toList());
        publisher.clear();

        RuleResumed resumed = (RuleResumed) apply(RuleResumed.class).event();
        assertThat(publisher.events()).isNotEmpty().allSatisfy(occurrence -> {
            assertThat(occurrence.resolvedAt()).isAfterOrEqualTo(resumed.resumedAt());
            assertThat(occurrence.ruleVersion()).isEqualTo(2);
        });
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::occurrenceId).containsAll(created.stream()
                .filter(occurrence -> !occurrence.resolvedAt().isBefore(resumed.resumedAt()))
                .map(OccurrenceMaterialized::occurrenceId).toList());
        List<OccurrenceMaterialized> rematerialised = publisher.events();
        publisher.clear();

        RuleDeleted deleted = (RuleDeleted) apply(RuleDeleted.class).event();
        assertThat(publisher.retracted()).extracting(OccurrenceRetracted::occurrenceId).containsExactlyElementsOf(rematerialised.stream()
                .filter(occurrence -> !occurrence.start().isBefore(deleted.deletedAt())).map(OccurrenceMaterialized::occurrenceId).toList());
        assertThat(publisher.retracted()).allSatisfy(retracted -> assertThat(retracted.reason()).isEqualTo(RetractionReason.RULE_DELETED));
        assertThat(store.find(deleted.ruleId()).block(Duration.ofSeconds(5)).status()).isEqualTo(RuleStatus.DELETED);
    }

    private ReceivedEvent apply(Class<? extends AlmanacEvent> type) {
        ReceivedEvent received = WireSamples.received(type);
        ConsumerContract.handled(events.decider().decide(received)).block(Duration.ofSeconds(10));
        return received;
    }
}
