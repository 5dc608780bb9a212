package dev.almanac.conflicts.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class DetectorStreamsTest {

    /** What the almanac.conflicts.streams.alive gauge reads 1 for; the alert fires on the other states. */
    @Test
    void aClientIsAliveWhileStartingRebalancingOrRunningOnly() {
        assertThat(Arrays.stream(KafkaStreams.State.values()).filter(DetectorStreams::isAlive))
                .containsExactlyInAnyOrder(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
    }
}
