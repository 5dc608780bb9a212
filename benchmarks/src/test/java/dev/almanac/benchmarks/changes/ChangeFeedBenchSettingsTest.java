package dev.almanac.benchmarks.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.benchmarks.load.LocalStackDefaults;

class ChangeFeedBenchSettingsTest {

    @Test
    void defaultsWriteFiveHundredItemsASecondForAMinuteOnTheLocalStack() {
        assertThat(ChangeFeedBench.Settings.parse(List.of()))
                .isEqualTo(new ChangeFeedBench.Settings(LocalStackDefaults.GATEWAY, 500, 60, 12, Duration.ofSeconds(30)));
    }

    @Test
    void optionsAreTakenAndNonsenseIsRefused() {
        ChangeFeedBench.Settings settings = ChangeFeedBench.Settings.parse(List.of("--rate", "50", "--seconds", "5", "--gateway",
                "http://127.0.0.1:9999"));

        assertThat(settings.ratePerSecond()).isEqualTo(50);
        assertThat(settings.seconds()).isEqualTo(5);
        assertThat(settings.gateway()).isEqualTo("http://127.0.0.1:9999");
        assertThatThrownBy(() -> ChangeFeedBench.Settings.parse(List.of("--rate", "0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeFeedBench.Settings.parse(List.of("--speed", "3"))).isInstanceOf(IllegalArgumentException.class);
    }
}
