package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRulesProvider;

import org.junit.jupiter.api.Test;

class TzdataTest {

    @Test
    void versionIsTheOneJavaTimeUsesForTheZone() {
        assertThat(Tzdata.version(ZoneId.of("America/New_York")))
                .isEqualTo(ZoneRulesProvider.getVersions("America/New_York").lastKey())
                .matches("\\d{4}[a-z]+");
    }

    @Test
    void fixedOffsetsReportTheDatabaseTheJvmCarries() {
        String carried = ZoneRulesProvider.getVersions("UTC").lastKey();

        assertThat(Tzdata.version(ZoneOffset.ofHoursMinutes(5, 45))).isEqualTo(carried);
        assertThat(Tzdata.version(ZoneOffset.UTC)).isEqualTo(carried);
        assertThat(Tzdata.version(ZoneId.of("UTC+05:45"))).as("an offset with a prefix").isEqualTo(carried);
    }
}
