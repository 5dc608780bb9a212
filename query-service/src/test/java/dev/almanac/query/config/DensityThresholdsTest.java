package dev.almanac.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** F033-DENSITY's levels: a bucket with entries is low below medium, and each higher level from its threshold on. */
class DensityThresholdsTest {

    private final CalendarConfiguration.DensityThresholds defaults = new CalendarConfiguration.DensityThresholds(0.25, 0.5, 0.75);

    @Test
    void eachLevelAppliesFromItsThresholdOn() {
        assertThat(defaults.levelOf(1, 0.0)).isEqualTo(DensityLevel.LOW);
        assertThat(defaults.levelOf(1, 0.2499)).isEqualTo(DensityLevel.LOW);
        assertThat(defaults.levelOf(2, 0.25)).isEqualTo(DensityLevel.MEDIUM);
        assertThat(defaults.levelOf(4, 0.5)).isEqualTo(DensityLevel.HIGH);
        assertThat(defaults.levelOf(6, 0.75)).isEqualTo(DensityLevel.CRITICAL);
        assertThat(defaults.levelOf(8, 1.0)).isEqualTo(DensityLevel.CRITICAL);
    }

    @Test
    void aBucketWithoutEntriesHasNoLevel() {
        assertThat(defaults.levelOf(0, 0.0)).isNull();
    }

    @Test
    void theConfiguredThresholdsPlaceTheLevels() {
        CalendarConfiguration.DensityThresholds strict = new CalendarConfiguration.DensityThresholds(0.1, 0.2, 0.9);

        assertThat(strict.levelOf(1, 0.15)).isEqualTo(DensityLevel.MEDIUM);
        assertThat(strict.levelOf(1, 0.5)).isEqualTo(DensityLevel.HIGH);
    }
}
