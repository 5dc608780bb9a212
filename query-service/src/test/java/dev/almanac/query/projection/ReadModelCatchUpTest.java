package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class ReadModelCatchUpTest {

    private static final TopicPartition ITEMS_0 = new TopicPartition("almanac.schedule.v1", 0);
    private static final TopicPartition ITEMS_1 = new TopicPartition("almanac.schedule.v1", 1);
    private static final TopicPartition RULES_0 = new TopicPartition("almanac.rules.v1", 0);

    private final AtomicReference<Map<TopicPartition, Long>> ends = new AtomicReference<>();
    private final ReadModelCatchUp catchUp = new ReadModelCatchUp(ends::get);

    @Test
    void notReadyUntilTheTopicsEndsAreKnown() {
        assertThat(catchUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(catchUp.health().getDetails()).containsEntry("reason", "the topics' ends are not known yet");
    }

    @Test
    void readyOnceEveryListenerReadItsPartitionsToTheirEndsAsOfTheStartAndThenStaysReady() {
        ends.set(Map.of(ITEMS_0, 10L, ITEMS_1, 0L, RULES_0, 5L));
        catchUp.assigned(Map.of(ITEMS_0, 0L, ITEMS_1, 0L));
        catchUp.readTo(Map.of(ITEMS_0, 10L));

        assertThat(catchUp.health().getStatus()).as("the rules' listener has no partitions yet").isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(catchUp.health().getDetails()).containsEntry("topics_not_assigned", List.of("almanac.rules.v1"));

        catchUp.assigned(Map.of(RULES_0, 2L));
        assertThat(catchUp.health().getDetails()).containsEntry("records_behind", 3L);
        catchUp.readTo(Map.of(RULES_0, 4L));
        assertThat(catchUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        // The last record before the end is a transaction's marker: only an idle consumer's position passes it.
        catchUp.readTo(Map.of(RULES_0, 5L));
        assertThat(catchUp.health().getStatus()).isEqualTo(Status.UP);

        ends.set(Map.of(ITEMS_0, 99L));
        catchUp.assigned(Map.of(ITEMS_0, 0L));
        assertThat(catchUp.health().getStatus()).as("later lag is what consistency tokens cover").isEqualTo(Status.UP);
    }

    /** Ready once, then the store is found emptied under the service: out of service until rebuilt to the ends as of then. */
    @Test
    void aStoreReplacedWhileReadyIsNotReadyUntilTheListenersReassignedHaveReadTheEndsAsOfThen() {
        ends.set(Map.of(ITEMS_0, 10L, RULES_0, 5L));
        catchUp.assigned(Map.of(ITEMS_0, 10L, RULES_0, 5L));
        assertThat(catchUp.health().getStatus()).isEqualTo(Status.UP);

        ends.set(Map.of(ITEMS_0, 12L, RULES_0, 5L));
        catchUp.storeReplaced();
        assertThat(catchUp.health().getStatus()).as("no listener assigned again yet").isEqualTo(Status.OUT_OF_SERVICE);

        catchUp.assigned(Map.of(ITEMS_0, 0L, RULES_0, 0L));
        assertThat(catchUp.health().getDetails()).containsEntry("records_behind", 17L);
        catchUp.readTo(Map.of(ITEMS_0, 12L, RULES_0, 5L));
        assertThat(catchUp.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anEmptiedStoreReadFromTheStartIsNotReadyWhereTheCommittedOffsetsAlreadyWere() {
        ends.set(Map.of(ITEMS_0, 10L, RULES_0, 0L));
        // The group had committed 10, the store held nothing: the listener rewinds to 0 and says so on assignment.
        catchUp.assigned(Map.of(ITEMS_0, 0L, RULES_0, 0L));

        assertThat(catchUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(catchUp.health().getDetails()).containsEntry("records_behind", 10L);
    }

    @Test
    void aPartitionGivenToAnotherReplicaIsNotWaitedFor() {
        ends.set(Map.of(ITEMS_0, 10L, ITEMS_1, 7L, RULES_0, 0L));
        catchUp.assigned(Map.of(ITEMS_0, 0L, ITEMS_1, 0L, RULES_0, 0L));
        catchUp.revoked(List.of(ITEMS_1));
        catchUp.readTo(Map.of(ITEMS_0, 10L));

        assertThat(catchUp.health().getStatus()).isEqualTo(Status.UP);
    }
}
