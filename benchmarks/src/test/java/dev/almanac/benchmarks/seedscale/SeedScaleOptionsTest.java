package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The seed-scale benchmark starts only when every option is understood and the options agree with one another. */
class SeedScaleOptionsTest {

    @Test
    void withoutOptionsItIsSeedZeroZeroZerosScaleOnAStackItStarts() {
        SeedScaleOptions options = SeedScaleOptions.parse(List.of());

        assertThat(options.startStack()).isTrue();
        assertThat(options.restart()).isTrue();
        assertThat(options.rules()).isEqualTo(10_000);
        assertThat(options.calendars()).isEqualTo(100);
        assertThat(options.users()).as("F033-LIMIT-RULES: 50 rules a user").isEqualTo(200);
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.plantedCalendars()).isEqualTo(5);
        assertThat(options.plantedPairs()).as("one pair a planted calendar").isEqualTo(5);
        assertThat(options.mixRules()).isEqualTo(9_990);
        assertThat(options.itemsPerDay()).isZero();
        assertThat(options.detectionWindow()).isEqualTo(Duration.ofDays(90));
        assertThat(options.probeEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.gateway()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(options.out()).isEqualTo(Path.of(".").toAbsolutePath().normalize().resolve("benchmarks/target/seed-scale"));
    }

    @Test
    void theHundredThousandJobsADayVariantIsSpelledWithOptions() {
        SeedScaleOptions options = SeedScaleOptions.parse(List.of("--rules", "11000", "--users", "220", "--items-per-day", "5000",
                "--seed", "7", "--clients", "4", "--window-days", "30", "--running-stack"));

        assertThat(options.rules()).isEqualTo(11_000);
        assertThat(options.itemsPerDay()).isEqualTo(5_000);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.clients()).isEqualTo(4);
        assertThat(options.detectionWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(options.startStack()).isFalse();
        assertThat(options.restart()).as("a stack the run did not start is not restarted").isFalse();
    }

    /** A second restart without the read models' snapshot times the rebuild every restart was before ADR 0100. */
    @Test
    void aRestartThatRebuildsTheReadModelsIsAskedForAndNeedsARestart() {
        assertThat(SeedScaleOptions.parse(List.of()).rebuildRestart()).isFalse();
        assertThat(SeedScaleOptions.parse(List.of("--rebuild-restart")).rebuildRestart()).isTrue();
        assertThat(SeedScaleOptions.parse(List.of("--rebuild-restart", "--no-restart")).rebuildRestart()).isFalse();
    }

    @Test
    void usersWhoCannotOwnEveryRuleAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--rules", "11000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--users 200 own at most 10000 rules (50 each, F033-LIMIT-RULES); --rules 11000 need --users 220 or more");
        assertThat(SeedScaleOptions.parse(List.of("--rules", "10001", "--users", "201")).users()).isEqualTo(201);
    }

    @Test
    void optionsThatContradictEachOtherAreRefused() {
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--calendars", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave no open calendar");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--planted-calendars", "0", "--planted-pairs", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--planted-pairs 1 need --planted-calendars 1 or more");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--planted-calendars", "1", "--planted-pairs", "7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 6 a planted calendar");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--rules", "3", "--planted-pairs", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--planted-pairs 2 are 4 rules, more than --rules 3");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--running-stack", "--keep-stack")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--keep-stack");
        assertThat(SeedScaleOptions.parse(List.of("--rules", "4", "--calendars", "3", "--planted-calendars", "2", "--planted-pairs", "2"))
                .mixRules()).as("planted rules only, and an open calendar for the probes").isZero();
    }

    @Test
    void unknownOptionsBadNumbersAndBadUrlsAreRefused() {
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--help")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("seed-scale does not know --help");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--rules", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rules takes whole numbers, not many");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--clients", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--clients must be between 1 and");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--window-days", "366")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--window-days must be between 1 and 365, not 366");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--gateway", "localhost:8080")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--gateway is a URL");
        assertThatThrownBy(() -> SeedScaleOptions.parse(List.of("--seed")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--seed needs a value");
        assertThat(SeedScaleOptions.USAGE).contains("--rules", "--calendars", "--users", "--clients", "--items-per-day", "--seed",
                "--window-days", "--running-stack", "loader.main=dev.almanac.benchmarks.seedscale.SeedScale");
    }
}
