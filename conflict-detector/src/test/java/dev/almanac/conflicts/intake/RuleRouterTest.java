package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.rule.RuleScope;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.WireSamples;

/** The consumer side of the rules topic's contract, over the wire samples, and what each decision names. */
class RuleRouterTest {

    private final RuleRouter router = new RuleRouter();

    @Test
    void decidesEveryTypeOfTheRulesTopic() {
        ConsumerContract.assertDecidesEveryType(router.decider());
        assertThat(router.decider().topics()).containsExactly(Topics.RULES);
    }

    @Test
    void aCreationNamesItsCalendarAndTheResourcesItsOccurrencesBook() {
        Decision<RuleRouter.Intake> decision = router.decide(WireSamples.received(EventSamples.ruleCreated().getClass()));

        assertThat(decision).isInstanceOfSatisfying(Decision.Handle.class, handle -> {
            RuleRouter.Intake intake = (RuleRouter.Intake) handle.work();
            assertThat(intake.ruleId()).isEqualTo(EventSamples.NIGHTLY);
            assertThat(intake.named()).containsExactly(RuleScope.of(EventSamples.BALLROOM), RuleScope.of(EventSamples.BALLROOM_VENUE));
            assertThat(intake.cause()).isEqualTo("rule rule-nightly was created");
        });
    }

    @Test
    void aPauseNamesNoScopeAndAChangeRequestIsLeftToItsRulesUpdate() {
        assertThat(router.decide(WireSamples.received(EventSamples.rulePaused().getClass())))
                .isEqualTo(Decision.handle(new RuleRouter.Intake(RuleId.of("rule-nightly"), List.of(), "rule rule-nightly was paused")));
        assertThat(router.decide(WireSamples.received(EventSamples.ruleChangeProposed().getClass())))
                .isInstanceOf(Decision.Ignore.class);
    }

    @Test
    void anEventOfAnotherTopicIsPoison() {
        assertThatThrownBy(() -> router.decide(WireSamples.received(EventSamples.itemScheduled().getClass())))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("does not read the topic");
    }

    @Test
    void aRuleEventGoesToThePartitionOfEachScopeAsKafkaPartitionsTheScopesOwnEvents() {
        RulesByScope.ByScope partitioner = new RulesByScope.ByScope();
        for (String calendar : List.of("cal-ballroom", "cal-queue-7", "a")) {
            for (int partitions : List.of(1, 3, 12)) {
                RulesByScope.Key key = new RulesByScope.Key(RuleScope.parse("calendar:" + calendar), RuleId.of("rule-x"), 3);
                assertThat(RulesByScope.Key.parse(key.toString())).isEqualTo(key);
                int expected = BuiltInPartitioner.partitionForKey(calendar.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(partitioner.partitions(RulesByScope.TOPIC, key.toString(), new byte[0], partitions)).contains(Set.of(expected));
            }
        }
        assertThatThrownBy(() -> RulesByScope.Key.parse("calendar:cal-x|rule-x")).isInstanceOf(IllegalArgumentException.class);
    }
}
