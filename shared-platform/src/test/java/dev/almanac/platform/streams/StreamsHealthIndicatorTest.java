package dev.almanac.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorTest {

    @Test
    void isDownWhileWaitingForTopicsAndWhileTheFirstAssignmentIsRestored() {
        assertThat(StreamsHealthIndicator.health(Optional.empty(), false).getStatus()).isEqualTo(Status.DOWN);
        assertThat(StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.CREATED), false).getStatus())
                .isEqualTo(Status.DOWN);
        assertThat(StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.REBALANCING), false).getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void isUpWhenRunningAndThroughTheRebalancesThatFollow() {
        Health running = StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.RUNNING), true);

        assertThat(running.getStatus()).isEqualTo(Status.UP);
        assertThat(running.getDetails()).containsEntry("state", "RUNNING");
        assertThat(StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.REBALANCING), true).getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void isDownAfterAFailureOrAShutdown() {
        assertThat(StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.ERROR), true).getStatus()).isEqualTo(Status.DOWN);
        assertThat(StreamsHealthIndicator.health(Optional.of(KafkaStreams.State.PENDING_SHUTDOWN), true).getStatus())
                .isEqualTo(Status.DOWN);
    }
}
