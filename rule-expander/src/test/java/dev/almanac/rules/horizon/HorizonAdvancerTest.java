package dev.almanac.rules.horizon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationResult;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.MaterialisationSettings;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.materialisation.Trigger;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RecordingPublisher;
import dev.almanac.rules.testing.RuleSamples;

class HorizonAdvancerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HORIZON = Duration.ofDays(90);
    /** The sample rules' active_from: with the clock here, a freshly created rule is exactly at the horizon. */
    private static final Instant ACTIVE_FROM = EventSamples.ruleCreated().activeFrom();

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final MutableClock clock = new MutableClock(ACTIVE_FROM);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RuleStore store;

    @BeforeEach
    void freshStore() {
        store = new RuleStore(InMemoryMongo.freshDatabase());
    }

    @Test
    void aPassPublishesEachRuleFromMaterialisedUntilToNowPlusTheHorizonThenStops() {
        RuleId nightly = storeCreated(EventSamples.ruleCreated(), ACTIVE_FROM.plus(HORIZON));
        HorizonAdvancer advancer = advancer(5000, 500);
        clock.advance(Duration.ofDays(30));

        AdvancePass pass = advancer.advance();
        AdvancePass nextAtTheSameTime = advancer.advance();

        assertThat(pass).isEqualTo(new AdvancePass(1, 30, 0));
        assertThat(publisher.events()).extracting(OccurrenceMaterialized::resolvedAt)
                .startsWith(Instant.parse("2027-02-19T07:30:00Z"))
                .endsWith(Instant.parse("2027-03-20T06:30:00Z"));
        assertThat(publisher.published()).allSatisfy(publication ->
                assertThat(publication.metadata().time()).isEqualTo(clock.instant()));
        assertThat(store.find(nightly).block(TIMEOUT).materialisedUntil()).isEqualTo(clock.instant().plus(HORIZON));
        assertThat(nextAtTheSameTime).isEqualTo(AdvancePass.NONE);
    }

    @Test
    void aRuleAlreadyAtTheHorizonIsLeftAlone() {
        storeCreated(EventSamples.ruleCreated(), ACTIVE_FROM.plus(HORIZON));

        assertThat(advancer(5000, 500).advance()).isEqualTo(AdvancePass.NONE);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void aBusyRuleCatchesUpOverSeveralCappedPassesWithoutGapsOrDuplicates() {
        RuleCreated everyMinute = RuleSamples.everyMinute("rule-every-minute", ACTIVE_FROM);
        RuleId rule = storeCreated(everyMinute, ACTIVE_FROM);
        HorizonAdvancer advancer = new HorizonAdvancer(store, new MaterialisationPlanner(Duration.ofDays(3), 1000),
                materialiser(), clock, new HorizonMetrics(registry), settings(Duration.ofDays(3), 1000, 500));

        List<AdvancePass> passes = new ArrayList<>();
        for (AdvancePass pass = advancer.advance(); pass.rules() > 0; pass = advancer.advance()) {
            passes.add(pass);
        }

        assertThat(passes).extracting(AdvancePass::published).containsExactly(1000, 1000, 1000, 1000, 320);
        List<OccurrenceMaterialized> events = publisher.events();
        for (int minute = 0; minute < events.size(); minute++) {
            assertThat(events.get(minute).resolvedAt()).isEqualTo(ACTIVE_FROM.plus(Duration.ofMinutes(minute)));
        }
        assertThat(events).hasSize(3 * 24 * 60);
        assertThat(store.find(rule).block(TIMEOUT).materialisedUntil()).isEqualTo(ACTIVE_FROM.plus(Duration.ofDays(3)));
    }

    @Test
    void aPassTakesTheFurthestBehindRulesFirstAndNoMoreThanItsBound() {
        storeCreated(RuleSamples.nightly("rule-a"), ACTIVE_FROM.plus(Duration.ofDays(80)));
        storeCreated(RuleSamples.nightly("rule-b"), ACTIVE_FROM.plus(Duration.ofDays(60)));
        storeCreated(RuleSamples.nightly("rule-c"), ACTIVE_FROM.plus(Duration.ofDays(70)));
        HorizonAdvancer advancer = advancer(5000, 2);

        AdvancePass first = advancer.advance();
        List<String> firstRules = publisher.events().stream().map(event -> event.ruleId().value()).distinct().toList();
        AdvancePass second = advancer.advance();

        assertThat(first.rules()).isEqualTo(2);
        assertThat(firstRules).containsExactly("rule-b", "rule-c");
        assertThat(second.rules()).isEqualTo(1);
        assertThat(publisher.events()).filteredOn(event -> event.ruleId().value().equals("rule-a")).hasSize(10);
    }

    @Test
    void aRuleThatFailsStaysBehindWhileTheOthersAdvance() {
        RuleId failing = storeCreated(RuleSamples.nightly("rule-failing"), ACTIVE_FROM.plus(Duration.ofDays(80)));
        RuleId healthy = storeCreated(RuleSamples.nightly("rule-healthy"), ACTIVE_FROM.plus(Duration.ofDays(80)));
        publisher.failWhen(event -> event.ruleId().equals(failing));

        AdvancePass pass = advancer(5000, 500).advance();

        assertThat(pass).isEqualTo(new AdvancePass(1, 10, 1));
        assertThat(store.find(failing).block(TIMEOUT).materialisedUntil()).isEqualTo(ACTIVE_FROM.plus(Duration.ofDays(80)));
        assertThat(store.find(healthy).block(TIMEOUT).materialisedUntil()).isEqualTo(ACTIVE_FROM.plus(HORIZON));
    }

    @Test
    void theLagIsHowFarTheMostBehindActiveRuleTrailsTheHorizon() {
        storeCreated(RuleSamples.nightly("rule-a"), ACTIVE_FROM.plus(Duration.ofDays(80)));
        storeCreated(RuleSamples.nightly("rule-b"), ACTIVE_FROM.plus(Duration.ofDays(60)));
        HorizonMetrics metrics = new HorizonMetrics(registry);
        HorizonAdvancer bounded = new HorizonAdvancer(store, new MaterialisationPlanner(HORIZON, 5000), materialiser(), clock,
                metrics, settings(HORIZON, 5000, 1));

        bounded.advance();
        Duration afterOneRule = metrics.lag();
        bounded.advance();

        assertThat(afterOneRule).as("rule-a, still 10 days short").isEqualTo(Duration.ofDays(10));
        assertThat(metrics.lag()).isZero();
        assertThat(registry.get(HorizonMetrics.LAG).gauge().value()).isZero();
        assertThat(registry.get(HorizonMetrics.PASS).timer().count()).isEqualTo(2);
    }

    /**
     * A first pass that waits for Kafka leaves its rule reading as behind (a cold start's, for seconds); the timer
     * leaves the rule to it rather than publish the same occurrences again.
     */
    @Test
    void aRuleWhosePassIsUnderWayIsLeftToItSoItsOccurrencesGoOutOnce() throws Exception {
        RuleId nightly = storeCreated(EventSamples.ruleCreated(), ACTIVE_FROM.plus(HORIZON));
        MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);
        Materialiser materialiser = materialiser();
        HorizonAdvancer advancer = new HorizonAdvancer(store, planner, materialiser, clock, new HorizonMetrics(registry),
                settings(HORIZON, 5000, 500));
        clock.advance(Duration.ofDays(30));
        publisher.holdAcknowledgements();
        CompletableFuture<MaterialisationResult> underWay = materialiser.materialise(
                planner.forHorizonAdvance(store.find(nightly).block(TIMEOUT), clock.instant()).orElseThrow(), Trigger.RULE_CREATED)
                .toFuture();
        await().atMost(TIMEOUT).until(() -> publisher.published().size() == 30);

        AdvancePass meanwhile = advancer.advance();
        publisher.acknowledgeAll();
        underWay.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // The mark goes once the pass has ended, just after its result reached the caller.
        await().atMost(TIMEOUT).until(() -> !materialiser.hasPassUnderWay(nightly));
        AdvancePass afterwards = advancer.advance();

        assertThat(meanwhile).isEqualTo(AdvancePass.NONE);
        assertThat(afterwards).isEqualTo(AdvancePass.NONE);
        assertThat(publisher.events()).hasSize(30).doesNotHaveDuplicates();
        assertThat(store.find(nightly).block(TIMEOUT).materialisedUntil()).isEqualTo(clock.instant().plus(HORIZON));
    }

    private RuleId storeCreated(RuleCreated rule, Instant materialisedUntil) {
        store.recordCreation(StoredRule.created(rule, RuleSamples.envelope(rule))).block(TIMEOUT);
        store.moveMaterialisedUntil(rule.ruleId(), 0, rule.activeFrom(), materialisedUntil).block(TIMEOUT);
        return rule.ruleId();
    }

    private HorizonAdvancer advancer(int maxOccurrencesPerPass, int maxRulesPerPass) {
        return new HorizonAdvancer(store, new MaterialisationPlanner(HORIZON, maxOccurrencesPerPass), materialiser(), clock,
                new HorizonMetrics(registry), settings(HORIZON, maxOccurrencesPerPass, maxRulesPerPass));
    }

    private Materialiser materialiser() {
        return new Materialiser(publisher, store, new MaterialisationMetrics(registry));
    }

    private static MaterialisationSettings settings(Duration horizon, int maxOccurrencesPerPass, int maxRulesPerPass) {
        return new MaterialisationSettings(horizon, Duration.ofMinutes(1), maxOccurrencesPerPass, maxRulesPerPass, TIMEOUT);
    }
}
