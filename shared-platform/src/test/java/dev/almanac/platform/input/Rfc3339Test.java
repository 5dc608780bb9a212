package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @CsvSource({
            "2026-12-01T15:00:00Z, 2026-12-01T15:00:00Z",
            "2026-12-01T10:00:00-05:00, 2026-12-01T15:00:00Z",
            "2026-12-01t20:45:00.123456789+05:45, 2026-12-01T15:00:00.123Z",
            "2026-12-01T15:00:00.5+00:00, 2026-12-01T15:00:00.500Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.999Z",
            "2028-02-29T00:00:00Z, 2028-02-29T00:00:00Z"})
    void readsRfc3339DateTimesWithAnOffsetToTheMillisecond(String text, Instant expected) {
        assertThat(Rfc3339.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-12-01", "2026-12-01T15:00Z", "2026-12-01T15:00:00", "2026-12-01 15:00:00Z",
            "2026-12-01T24:00:00Z", "2026-12-31T23:59:60Z", "2027-02-29T00:00:00Z", "0000-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-12-01T15:00:00.1234567890Z", "2026-12-01T15:00:00+5:00",
            "2026-12-01T15:00:00+24:00", "2026-12-01T15:00:00Z ", " 2026-12-01T15:00:00Z", "1764597600", "2026-W48-1T00:00:00Z",
            "２０２６-12-01T15:00:00Z"})
    void refusesEverythingElse(String text) {
        assertThat(Rfc3339.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"})
    void refusesOffsetsThatCarryTheInstantOutOfRange(String text) {
        assertThat(Rfc3339.parse(text)).isEmpty();
    }
}
