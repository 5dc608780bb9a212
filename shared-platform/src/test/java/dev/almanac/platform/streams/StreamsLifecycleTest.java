package dev.almanac.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsLifecycleTest {

    /** What a service's streams-alive gauge (almanac.conflicts.streams.alive) reads 1 for; the alert fires on the other states. */
    @Test
    void aClientIsAliveWhileStartingRebalancingOrRunningOnly() {
        assertThat(Arrays.stream(KafkaStreams.State.values()).filter(StreamsLifecycle::isAlive))
                .containsExactlyInAnyOrder(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
    }
}
