package dev.almanac.rules.missed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.testing.ConsumerContract;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.platform.testing.WireSamples;
import dev.almanac.rules.rule.RuleStore;

/** rule-expander as a consumer of almanac.runs.v1, fed the wire samples its producers' tests wrote. */
class RunEventsContractTest {

    private final MongoDatabase database = InMemoryMongo.freshDatabase();
    private final RunReports reports = new RunReports(database);
    private final RunEvents events = new RunEvents(reports, new RuleStore(database));

    @Test
    void decidesEveryTypeOfTheRunsTopicAndRecordsTheRunsOfOccurrences() {
        var decisions = ConsumerContract.assertDecidesEveryType(events.decider());

        assertThat(events.decider().topics()).containsExactly(Topics.RUNS);
        assertThat(decisions).hasSize(3).allSatisfy((type, decision) -> assertThat(decision).isInstanceOf(Decision.Handle.class));
        ConsumerContract.handled(events.decider().decide(WireSamples.received(RunStarted.class))).block(Duration.ofSeconds(5));
        ConsumerContract.handled(events.decider().decide(WireSamples.received(RunFailed.class))).block(Duration.ofSeconds(5));

        // The started run is of an occurrence; the failed one of an item, which is no rule's.
        assertThat(reports.reported(List.of(OccurrenceId.of(EventSamples.NIGHTLY_OCCURRENCE), OccurrenceId.of(EventSamples.REVIEW.value())))
                .block(Duration.ofSeconds(5))).containsExactly(OccurrenceId.of(EventSamples.NIGHTLY_OCCURRENCE));
    }
}
