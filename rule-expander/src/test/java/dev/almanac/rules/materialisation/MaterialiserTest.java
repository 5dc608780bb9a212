package dev.almanac.rules.materialisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

class MaterialiserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MaterialisationPlanner planner = new MaterialisationPlanner(Duration.ofDays(90), 5000);
    private RuleStore store;
    private Materialiser materialiser;
    private StoredRule rule;

    @BeforeEach
    void storeTheSampleRule() {
        store = new RuleStore(InMemoryMongo.freshDatabase());
        materialiser = new Materialiser(publisher, store, new MaterialisationMetrics(registry));
        RuleCreated nightly = EventSamples.ruleCreated();
        rule = StoredRule.created(nightly, RuleSamples.envelope(nightly));
        store.recordCreation(rule).block(TIMEOUT);
    }

    @Test
    void materialisedUntilMovesOnlyOnceEveryOccurrenceIsAcknowledged() {
        Materialisation pass = planner.forCreatedRule(rule).orElseThrow();
        publisher.holdAcknowledgements();

        CompletableFuture<MaterialisationResult> running = materialiser.materialise(pass, Trigger.RULE_CREATED).toFuture();

        await().atMost(TIMEOUT).until(() -> publisher.published().size() == pass.publications().size());
        assertThat(running).isNotDone();
        assertThat(store.find(rule.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(rule.materialisedUntil());

        publisher.acknowledgeAll();

        MaterialisationResult result = running.join();
        assertThat(result).isEqualTo(new MaterialisationResult(rule.ruleId(), 90, pass.coveredUntil(), true));
        assertThat(store.find(rule.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(pass.coveredUntil());
        assertThat(publisher.published()).containsExactlyElementsOf(pass.publications());
        assertThat(registry.get(MaterialisationMetrics.MATERIALISED).tag("trigger", "rule_created").counter().count()).isEqualTo(90);
    }

    @Test
    void aRefusedPublicationLeavesMaterialisedUntilWhereItWas() {
        Materialisation pass = planner.forCreatedRule(rule).orElseThrow();
        publisher.failWhen(event -> event.equals(pass.publications().get(45).event()));

        assertThatThrownBy(() -> materialiser.materialise(pass, Trigger.RULE_CREATED).block(TIMEOUT))
                .hasMessageContaining("broker refused");

        assertThat(store.find(rule.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(rule.materialisedUntil());
        assertThat(registry.get(MaterialisationMetrics.MATERIALISED).tag("trigger", "rule_created").counter().count()).isZero();
    }

    @Test
    void aPassThatLostTheRaceReportsThatItDidNotMoveTheRule() {
        Materialisation pass = planner.forCreatedRule(rule).orElseThrow();
        materialiser.materialise(pass, Trigger.RULE_CREATED).block(TIMEOUT);

        MaterialisationResult again = materialiser.materialise(pass, Trigger.HORIZON_ADVANCE).block(TIMEOUT);

        assertThat(again.moved()).isFalse();
        assertThat(store.find(rule.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(pass.coveredUntil());
    }
}
