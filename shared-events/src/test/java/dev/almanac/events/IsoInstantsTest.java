package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(34);
        for (int sample = 0; sample < 200_000; sample++) {
            Instant instant = RandomInstants.next(random);
            String text = instant.toString();

            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void readsEveryFractionLengthAndTheEdgesOfTheCalendar() {
        for (String text : List.of("2026-03-08T07:30:00.5Z", "2026-03-08T07:30:00.12Z", "2026-03-08T07:30:00.1234Z",
                "2026-03-08T07:30:00.000000001Z", "2026-03-08T07:30:00.000Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2024-02-29T12:00:00Z", "2000-02-29T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z")) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void readsAPlainLocalDateTimeAsParseReadsItWithAZ() {
        SplittableRandom random = new SplittableRandom(36);
        for (int sample = 0; sample < 20_000; sample++) {
            String text = RandomInstants.next(random).toString();
            String local = text.substring(0, text.length() - 1);

            assertThat(IsoInstants.parseOnTheUtcClock(local)).as(local).isEqualTo(IsoInstants.parse(text));
        }
        for (String text : List.of("", "2026-03-08T07:30", "2026-03-08T07:30:00Z", "2026-03-08T07:30:00.", "2026-03-08T07:30:00.5Z")) {
            assertThat(IsoInstants.parseOnTheUtcClock(text)).as(text).isNull();
        }
    }

    /** Whatever is not the plain form is left to the formatter, valid (it accepts more) or not (it names the fault). */
    @Test
    void leavesEveryOtherTextToTheFormatter() {
        for (String text : List.of("", "2026-03-08", "2026-03-08T07:30Z", "2026-03-08T07:30:00", "2026-03-08T07:30:00z",
                "2026-03-08T07:30:00+00:00", "2026-03-08t07:30:00Z", "2026-03-08 07:30:00Z", "+2026-03-08T07:30:00Z",
                "-0001-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "2026-3-08T07:30:00Z", "2026-03-08T07:30:00.Z",
                "2026-03-08T07:30:00.1234567890Z", "2026-03-08T07:30:00,5Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
                "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-03-08T24:00:00Z", "2026-03-08T23:60:00Z", "2026-03-08T23:59:60Z", "2026-03-08T07:30:0aZ",
                "２０２６-03-08T07:30:00Z", "2026-03-08T07:30:00Z ", " 2026-03-08T07:30:00Z")) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
        }
    }
}
