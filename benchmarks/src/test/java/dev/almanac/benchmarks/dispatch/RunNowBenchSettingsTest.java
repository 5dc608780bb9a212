package dev.almanac.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.benchmarks.load.LocalStackDefaults;

class RunNowBenchSettingsTest {

    @Test
    void defaultsMeasureSixHundredRunsAtTenASecondOnTheLocalStack() {
        RunNowBench.Settings settings = RunNowBench.Settings.parse(List.of());

        assertThat(settings).isEqualTo(new RunNowBench.Settings(LocalStackDefaults.GATEWAY, LocalStackDefaults.KAFKA, 100, 600, 10,
                Duration.ofSeconds(30)));
    }

    @Test
    void optionsAreTakenAndNonsenseIsRefused() {
        RunNowBench.Settings settings = RunNowBench.Settings.parse(List.of("--rules", "10", "--runs", "50", "--rate", "5",
                "--gateway", "http://127.0.0.1:9999"));

        assertThat(settings.rules()).isEqualTo(10);
        assertThat(settings.runs()).isEqualTo(50);
        assertThat(settings.ratePerSecond()).isEqualTo(5);
        assertThat(settings.gateway()).isEqualTo("http://127.0.0.1:9999");
        assertThatThrownBy(() -> RunNowBench.Settings.parse(List.of("--rate", "0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunNowBench.Settings.parse(List.of("--speed", "3"))).isInstanceOf(IllegalArgumentException.class);
    }
}
