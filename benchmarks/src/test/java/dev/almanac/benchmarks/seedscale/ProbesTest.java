package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A probe polls often while its wait is short and at most twice a second once it is long, so it sees an item at most an eighth late. */
class ProbesTest {

    @Test
    void aPollPausesAnEighthOfItsWaitBetweenFiveAndFiveHundredMilliseconds() {
        assertThat(Probes.pause(Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(Probes.pause(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(50));
        assertThat(Probes.pause(Duration.ofSeconds(20))).isEqualTo(Duration.ofMillis(500));
    }
}
