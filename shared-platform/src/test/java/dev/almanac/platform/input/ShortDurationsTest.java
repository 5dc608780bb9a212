package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortDurationsTest {

    @Test
    void readsEachUnitInOrderAndWritesWhatItReads() {
        assertThat(ShortDurations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(ShortDurations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(ShortDurations.parse("2h0m5s")).contains(Duration.ofSeconds(7205));
        assertThat(ShortDurations.parse("999999h")).contains(Duration.ofHours(999_999));
        assertThat(ShortDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(ShortDurations.format(Duration.ofDays(1))).isEqualTo("24h");
        assertThat(ShortDurations.format(Duration.ofSeconds(86_399))).isEqualTo("23h59m59s");
        assertThat(ShortDurations.format(Duration.ZERO)).isEqualTo("0s");
        for (String text : new String[] {"5m", "1h30m", "23h59m59s", "1s"}) {
            assertThat(ShortDurations.format(ShortDurations.parse(text).orElseThrow())).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "30", "30M", "1m1h", " 5m", "5m ", "1234567h", "-5m", "PT5M", "5 m", "٥m"})
    void refusesEveryOtherSpelling(String text) {
        assertThat(ShortDurations.parse(text)).isEmpty();
        assertThat(text.matches(ShortDurations.PATTERN)).isFalse();
    }
}
