package dev.almanac.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How often a visibility probe asks: often enough to see an item at most an eighth late, never flooding the read side. */
class CommandsTest {

    @Test
    void aProbePausesAnEighthOfWhatItHasWaitedWithinFiveAndTwoHundredMilliseconds() {
        assertThat(Commands.pollPause(Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(Commands.pollPause(Duration.ofMillis(160))).isEqualTo(Duration.ofMillis(20));
        assertThat(Commands.pollPause(Duration.ofMillis(800))).isEqualTo(Duration.ofMillis(100));
        assertThat(Commands.pollPause(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(200));
    }
}
