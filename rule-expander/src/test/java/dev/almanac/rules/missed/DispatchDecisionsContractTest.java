package dev.almanac.rules.missed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.OccurrenceSkipped;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;

/** rule-expander as a consumer of almanac.dispatch.v1, fed the wire samples the dispatcher's tests wrote. */
class DispatchDecisionsContractTest {

    private final RunReports reports = new RunReports(InMemoryMongo.freshDatabase());
    private final DispatchDecisions decisions = new DispatchDecisions(reports);

    @Test
    void decidesEveryTypeOfTheDispatchTopicAndRecordsOnlyTheSkippedOccurrences() {
        var decided = ConsumerContract.assertDecidesEveryType(decisions.decider());

        assertThat(decisions.decider().topics()).containsExactly(Topics.DISPATCH);
        assertThat(decided).hasSize(8).allSatisfy((type, decision) -> assertThat(decision)
                .isInstanceOf(type.contains("OccurrenceSkipped") ? Decision.Handle.class : Decision.Ignore.class));
        ConsumerContract.handled(decisions.decider().decide(WireSamples.received(OccurrenceSkipped.class))).block(Duration.ofSeconds(5));

        OccurrenceSkipped skipped = EventSamples.occurrenceSkipped();
        OccurrenceDue due = EventSamples.occurrenceDue();
        assertThat(reports.reported(List.of(skipped.occurrenceId(), due.occurrenceId())).block(Duration.ofSeconds(5)))
                .containsExactly(skipped.occurrenceId());
    }
}
