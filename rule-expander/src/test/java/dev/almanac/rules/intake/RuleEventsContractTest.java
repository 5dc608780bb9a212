package dev.almanac.rules.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.materialisation.MaterialisationPlanner;
import dev.almanac.rules.materialisation.Materialiser;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.RecordingPublisher;

/** rule-expander as a consumer of almanac.rules.v1, fed the wire samples its producer's tests wrote. */
class RuleEventsContractTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final RuleStore store = new RuleStore(InMemoryMongo.freshDatabase());
    private final RuleEvents events = new RuleEvents(new RuleCreatedHandler(store,
            new MaterialisationPlanner(Duration.ofDays(90), 5000),
            new Materialiser(publisher, store, new MaterialisationMetrics(new SimpleMeterRegistry()))));

    @Test
    void decidesEveryTypeOfTheRulesTopic() {
        var decisions = ConsumerContract.assertDecidesEveryType(events.decider());

        assertThat(decisions).hasSize(4);
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
}
