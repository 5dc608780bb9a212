package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Percentiles are exact, and a probe that never saw its item counts as slower than any that did. */
class SamplesTest {

    @Test
    void percentilesAreNearestRankOverEverySample() {
        Samples samples = new Samples();
        for (int millis = 1; millis <= 100; millis++) {
            samples.add(Duration.ofMillis(millis));
        }

        assertThat(samples.percentile(50)).isEqualTo(50.0);
        assertThat(samples.percentile(99)).isEqualTo(99.0);
        assertThat(samples.percentile(100)).isEqualTo(100.0);
        assertThat(samples.summary()).isEqualTo("50.0/99.0/100 ms (n 100, never 0)");
    }

    @Test
    void probesThatNeverSawTheirItemMakeTheHighPercentilesNever() {
        Samples samples = new Samples();
        for (int millis = 1; millis <= 98; millis++) {
            samples.add(Duration.ofMillis(millis));
        }
        samples.never();
        samples.never();

        assertThat(samples.percentile(98)).isEqualTo(98.0);
        assertThat(samples.percentile(99)).as("one in fifty never came").isNegative();
        assertThat(samples.summary()).isEqualTo("50.0/never/never ms (n 100, never 2)");
        assertThat(samples.json()).containsEntry("p99_ms", null).containsEntry("p50_ms", 50.0).containsEntry("never", 2);
        assertThat(new Samples().summary()).isEqualTo("n/a (none)");
    }
}
