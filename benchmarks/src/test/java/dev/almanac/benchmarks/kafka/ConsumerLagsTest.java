package dev.almanac.benchmarks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Lag is zero when every group with members is at zero; a group that never had one is a leftover, not waited for. */
class ConsumerLagsTest {

    private static final long SECOND = 1_000_000_000L;

    private static ConsumerLags.Sample sample(long second, Map<String, ConsumerLags.Lag> groups) {
        return new ConsumerLags.Sample(second * SECOND, groups);
    }

    private static ConsumerLags.Lag active(long lag) {
        return new ConsumerLags.Lag(lag, true);
    }

    @Test
    void everyGroupIsAtZeroAtTheFirstSampleWhereAllWithMembersAre() {
        ConsumerLags.Lag leftover = new ConsumerLags.Lag(500, false);
        List<ConsumerLags.Sample> samples = List.of(
                sample(10, Map.of("query-service", active(9_000), "conflict-detector", active(0), "old", leftover)),
                sample(11, Map.of("query-service", active(4_000), "conflict-detector", active(30), "old", leftover)),
                sample(12, Map.of("query-service", active(0), "conflict-detector", active(10), "old", leftover)),
                sample(13, Map.of("query-service", active(0), "conflict-detector", active(0), "old", leftover)));

        assertThat(ConsumerLags.counted(samples)).containsExactlyInAnyOrder("query-service", "conflict-detector");
        assertThat(ConsumerLags.allZero(samples, 11 * SECOND)).contains(Duration.ofSeconds(2));
        assertThat(ConsumerLags.firstZero(samples, 11 * SECOND)).containsEntry("query-service", Duration.ofSeconds(1))
                .containsEntry("conflict-detector", Duration.ofSeconds(2)).doesNotContainKey("old");
        assertThat(ConsumerLags.largest(samples)).containsEntry("query-service", 9_000L).containsEntry("conflict-detector", 30L);
    }

    @Test
    void aSampleThatReadNoGroupIsNotZero() {
        List<ConsumerLags.Sample> samples = List.of(sample(1, Map.of("query-service", active(5))), sample(2, Map.of()));

        assertThat(ConsumerLags.allZero(samples, 0)).isEmpty();
        assertThat(ConsumerLags.allZero(List.of(sample(1, Map.of())), 0)).as("a broker that answered nothing").isEmpty();
    }
}
