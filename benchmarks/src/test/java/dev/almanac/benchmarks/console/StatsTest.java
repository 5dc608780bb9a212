package dev.almanac.benchmarks.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The console benchmark's percentiles, by the nearest-rank rule its figures are reported with. */
class StatsTest {

    @Test
    void percentilesAreTheNearestRankOfTheSortedSample() {
        Stats stats = Stats.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList());

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.max()).isEqualTo(100);
    }

    @Test
    void aChangeThatNeverShowedIsTheWorstAndAnEmptySampleSaysSo() {
        assertThat(Stats.of(List.of(10.0, Double.POSITIVE_INFINITY)).p99()).isInfinite();
        assertThat(Stats.of(List.of()).toString()).contains("n=0");
    }
}
