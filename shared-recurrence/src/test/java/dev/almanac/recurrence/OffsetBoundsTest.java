package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OffsetBoundsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void windowWithoutTransitionHasTheOneOffsetInForce() {
        assertThat(during(NEW_YORK, "2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z"))
                .isEqualTo(new OffsetBounds(ZoneOffset.ofHours(-4), ZoneOffset.ofHours(-4)));
    }

    @Test
    void windowAcrossATransitionHasTheOffsetsOnBothSides() {
        assertThat(during(NEW_YORK, "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"))
                .isEqualTo(new OffsetBounds(ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4)));
    }

    @Test
    void windowStartingJustAfterASpringForwardKeepsTheOffsetBeforeIt() {
        // 02:30 shifted out of the 8 March gap resolves at -05:00 to 07:30Z, after the 07:00Z transition.
        assertThat(during(NEW_YORK, "2026-03-08T07:10:00Z", "2026-03-08T08:00:00Z"))
                .isEqualTo(new OffsetBounds(ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4)));
    }

    @Test
    void farOffWindowEndTakesTheOffsetsOfTheZonesYearlyRules() {
        assertThat(during(ZoneId.of("Pacific/Chatham"), "2026-01-01T00:00:00Z", "+100000-01-01T00:00:00Z"))
                .isEqualTo(new OffsetBounds(ZoneOffset.ofHoursMinutes(12, 45), ZoneOffset.ofHoursMinutes(13, 45)));
    }

    @Test
    void zoneWithoutDstHasItsOneOffset() {
        assertThat(during(ZoneId.of("Asia/Kathmandu"), "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z"))
                .isEqualTo(new OffsetBounds(ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHoursMinutes(5, 45)));
    }

    private static OffsetBounds during(ZoneId zone, String from, String until) {
        return OffsetBounds.during(zone.getRules(), Instant.parse(from), Instant.parse(until));
    }
}
