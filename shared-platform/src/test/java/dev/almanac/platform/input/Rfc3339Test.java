package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
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

    /**
     * Judges as java.time's strict ISO formatter behind a pattern for the shape, the reading this class made before it
     * read by position, on texts that are valid date-times with one or two characters changed, digits out of range,
     * fractions of 0 to 11 digits and offsets up to and past 18 hours.
     */
    @Test
    void judgesEveryTextAsJavaTimesStrictFormatterDoes() {
        Random random = new Random(20261128);
        String alphabet = "0123456789-:.+Tz Z t";
        int read = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder("%04d-%02d-%02dT%02d:%02d:%02d".formatted(random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            int fraction = random.nextInt(12);
            if (fraction > 0) {
                text.append('.');
                for (int digit = 1; digit < fraction; digit++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> text.append(random.nextBoolean() ? 'Z' : 'z');
                case 1 -> text.append(random.nextBoolean() ? '+' : '-').append("%02d:%02d".formatted(random.nextInt(20), random.nextInt(62)));
                case 2 -> text.append(random.nextBoolean() ? '+' : '-').append("%02d:%02d".formatted(random.nextInt(19), random.nextInt(60)));
                default -> { }
            }
            for (int change = random.nextInt(3); change > 0 && !text.isEmpty(); change--) {
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();

            Optional<Instant> expected = FormatterReading.parse(candidate);
            assertThat(Rfc3339.parse(candidate)).as(candidate).isEqualTo(expected);
            read += expected.isPresent() ? 1 : 0;
        }
        assertThat(read).as("texts read as instants, of 200,000").isBetween(10_000, 190_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"})
    void refusesOffsetsThatCarryTheInstantOutOfRange(String text) {
        assertThat(Rfc3339.parse(text)).isEmpty();
    }
}
