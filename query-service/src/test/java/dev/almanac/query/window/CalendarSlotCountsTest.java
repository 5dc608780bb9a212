package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.almanac.query.entry.SlotSummary;

class CalendarSlotCountsTest {

    @Test
    void withoutSomeCalendarsIsWhatTheOthersAloneEncodeTo() {
        Map<String, SlotSummary> calendars = new TreeMap<>(Map.of(
                "cal-a", SlotSummary.builder().add(0, "meeting", 900).add(95, "job", 60).build(),
                "cal-b.x", SlotSummary.builder().add(3, "meeting", 900).add(3, "meeting", 900).build(),
                "cal-c", SlotSummary.builder().add(40, "review", 300).build()));
        Map<String, SlotSummary> shown = new TreeMap<>(calendars);
        shown.remove("cal-b.x");

        assertThat(CalendarSlotCounts.without(CalendarSlotCounts.encode(calendars), Set.of("cal-b.x", "cal-unknown")))
                .isEqualTo(CalendarSlotCounts.encode(shown));
        assertThat(CalendarSlotCounts.without(CalendarSlotCounts.encode(calendars), Set.of()))
                .isEqualTo(CalendarSlotCounts.encode(calendars));
    }
}
