package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class IanaZonesTest {

    @Test
    void knowsTheTzDatabasesNamesExactlyAsSpelt() {
        assertThat(IanaZones.isKnown("Asia/Kathmandu")).isTrue();
        assertThat(IanaZones.isKnown("Australia/Lord_Howe")).isTrue();
        assertThat(IanaZones.isKnown("asia/kathmandu")).as("another case").isFalse();
        assertThat(IanaZones.isKnown(" Asia/Kathmandu")).as("whitespace").isFalse();
        assertThat(IanaZones.isKnown("+05:45")).as("a fixed offset").isFalse();
        assertThat(IanaZones.isKnown("Mars/Olympus_Mons")).isFalse();
    }

    @Test
    void listsEveryZoneOfTheJvmInOrder() {
        assertThat(IanaZones.sorted()).isSorted().containsExactlyInAnyOrderElementsOf(ZoneId.getAvailableZoneIds());
    }
}
