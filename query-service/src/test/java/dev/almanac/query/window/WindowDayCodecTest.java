package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.almanac.query.entry.SlotSummary;

class WindowDayCodecTest {

    private final WindowDayCodec codec = new WindowDayCodec();

    @Test
    void writesBackTheDocumentItReadWhereNothingChanged() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("team.ops", SlotSummary.builder().add(0, "meeting", 900).add(95, "job", 60).build());
        calendars.put("bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        Document stored = codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars));

        Document again = codec.encode(codec.decode(stored));

        assertThat(again).isEqualTo(stored);
    }

    @Test
    void aChangedCalendarChangesItsSummaryTheCountsAndTheTotalOnly() {
        TreeMap<String, SlotSummary> calendars = new TreeMap<>();
        calendars.put("bell", SlotSummary.builder().add(37, "meeting", 3_600).build());
        calendars.put("team.ops", SlotSummary.builder().add(0, "meeting", 900).build());
        Document stored = codec.encode(new WindowDay(LocalDate.parse("2026-12-01"), calendars));

        WindowDay read = codec.decode(stored);
        Document changed = codec.encode(read.with("bell", SlotSummary.builder().add(37, "meeting", 2, 3_600).build()));

        assertThat(changed.get(WindowDayCodec.CALENDARS, Document.class).get("team%2Eops"))
                .isEqualTo(stored.get(WindowDayCodec.CALENDARS, Document.class).get("team%2Eops"));
        assertThat(changed.get(WindowDayCodec.CALENDARS, Document.class).get("bell"))
                .isNotEqualTo(stored.get(WindowDayCodec.CALENDARS, Document.class).get("bell"));
        assertThat(codec.decode(changed).merged().count(37)).isEqualTo(2);
        assertThat(codec.decode(changed).merged().total()).isEqualTo(3);
        assertThat(read.with("bell", SlotSummary.EMPTY).calendars()).containsOnlyKeys("team.ops");
    }
}
