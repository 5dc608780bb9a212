package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** bench-load sends load only when every argument is understood: a typo must not start a 500/s run. */
class BenchLoadArgumentsTest {

    @Test
    void knownOptionsOverrideTheDefaults() {
        LoadBenchmark.Settings settings = BenchLoad.settings(List.of("--rates", "100,250", "--seconds", "30"));

        assertThat(settings.rates()).containsExactly(100, 250);
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.gateway()).isEqualTo("http://127.0.0.1:8080");
        assertThat(settings.kafka()).as("the local stack's Kafka").isEqualTo("127.0.0.1:9092");
        assertThat(BenchLoad.settings(List.of("--bootstrap", "kafka:9092")).kafka())
                .as("named as dlt-replay names it").isEqualTo("kafka:9092");
        assertThat(settings.calendars()).isEqualTo(100);
        assertThat(settings.windowReaders()).as("no window readers unless asked").isZero();
        assertThat(BenchLoad.settings(List.of("--window-readers", "8")).windowReaders()).isEqualTo(8);
        assertThat(settings.probeByToken()).as("probes ask with their token unless told to poll").isTrue();
        assertThat(BenchLoad.settings(List.of("--visibility-probe", "poll")).probeByToken()).isFalse();
        assertThat(settings.warmUpLimit()).as("warm until the compilers are quiet, for up to ten minutes")
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(BenchLoad.settings(List.of("--warm-up-limit", "0")).warmUpLimit()).as("the short warm-up only").isZero();
    }

    @Test
    void helpAnUnknownOptionAMissingValueAndABadNumberAreRefused() {
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--help")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--help");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--rate", "100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--rates", "100", "--seconds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--seconds needs a value");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--visibility-probe", "sse")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--visibility-probe is token or poll, not sse");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--rates", "100,fast")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rates takes whole numbers, not fast");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--seconds", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--seconds must be between 1 and");
        assertThatThrownBy(() -> BenchLoad.settings(List.of("--warm-up-limit", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--warm-up-limit must be between 0 and");
        assertThat(BenchLoad.USAGE).contains("--warm-up-limit").contains("--rates").contains("--calendars").contains("--window-readers");
    }
}
