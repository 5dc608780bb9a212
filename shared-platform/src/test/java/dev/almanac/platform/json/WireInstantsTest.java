package dev.almanac.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.almanac.events.RandomInstants;

/** The plain local date-times of the events, read by {@link WireInstants#plainLocal} as {@code LocalDateTime.parse} reads them. */
class WireInstantsTest {

    @Test
    void readsWhatTheLocalFormatterWritesAsLocalDateTimeParseDoes() {
        SplittableRandom random = new SplittableRandom(35);
        for (int sample = 0; sample < 200_000; sample++) {
            LocalDateTime local = LocalDateTime.ofInstant(RandomInstants.next(random), ZoneOffset.UTC);
            String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);

            assertThat(WireInstants.plainLocal(text)).as(text).isEqualTo(local).isEqualTo(LocalDateTime.parse(text));
        }
    }

    @Test
    void readsEveryFractionLengthAndTheEdgesOfTheCalendar() {
        for (String local : List.of("2026-03-08T07:30:00.5", "2026-03-08T07:30:00.12", "2026-03-08T07:30:00.1234",
                "2026-03-08T07:30:00.000000001", "2026-03-08T07:30:00.000", "0000-01-01T00:00:00", "9999-12-31T23:59:59",
                "2024-02-29T12:00:00", "2000-02-29T00:00:00", "1969-12-31T23:59:59", "1970-01-01T00:00:00")) {
            assertThat(WireInstants.plainLocal(local)).as(local).isEqualTo(LocalDateTime.parse(local));
        }
    }

    @Test
    void leavesLocalTextOfAnotherFormToTheFormatter() {
        for (String text : List.of("2026-03-08T07:30", "2026-03-08T07:30:00Z", "2026-03-08T07:30:00.", "2026-02-29T00:00:00",
                "2026-03-08T24:00:00", "+2026-03-08T07:30:00", "2026-03-08T07:30:00.1234567890")) {
            assertThat(WireInstants.plainLocal(text)).as(text).isNull();
        }
    }
}
