package dev.almanac.conflicts.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.calendar.CalendarId;

class OrderedKeyTest {

    private static final CalendarId CALENDAR = CalendarId.of("cal-a");

    @Test
    void instantsSortAsTheirBytesAcrossTheEpochAndTheSignBit() {
        Random random = new Random(7);
        List<Long> millis = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE, -86_400_000L, 86_400_000L));
        for (int index = 0; index < 500; index++) {
            millis.add(random.nextLong());
        }

        List<Long> byBytes = millis.stream()
                .sorted(Comparator.comparing(value -> OrderedKey.builder().calendar(CALENDAR).millis(value).build()))
                .toList();

        assertThat(byBytes).isEqualTo(millis.stream().sorted().toList());
    }

    @Test
    void aCalendarsKeysSortByStartThenEntryAndStayApartFromACalendarWhoseIdExtendsIt() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        Bytes earlyOccurrence = timeKey(CALENDAR, Instant.parse("1969-12-31T23:00:00Z"), EntryKey.occurrence("z"));
        Bytes itemAtNine = timeKey(CALENDAR, nine, EntryKey.item("b"));
        Bytes occurrenceAtNine = timeKey(CALENDAR, nine, EntryKey.occurrence("a"));
        Bytes later = timeKey(CALENDAR, nine.plusMillis(1), EntryKey.item("a"));
        Bytes longerCalendar = timeKey(CalendarId.of("cal-ab"), Instant.EPOCH, EntryKey.item("a"));
        Bytes prefix = OrderedKey.builder().calendar(CALENDAR).build();

        assertThat(List.of(later, longerCalendar, occurrenceAtNine, earlyOccurrence, itemAtNine).stream().sorted().toList())
                .containsExactly(earlyOccurrence, itemAtNine, occurrenceAtNine, later, longerCalendar);
        assertThat(startsWith(longerCalendar, prefix)).isFalse();
        assertThat(startsWith(later, prefix)).isTrue();
    }

    @Test
    void anUpperBoundCoversEveryKeyWithTheSamePrefixAndTime() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        Bytes bound = OrderedKey.builder().calendar(CALENDAR).instant(nine).upperBound().build();

        assertThat(timeKey(CALENDAR, nine, EntryKey.occurrence("zzz"))).isLessThan(bound);
        assertThat(timeKey(CALENDAR, nine.plusMillis(1), EntryKey.item("a"))).isGreaterThan(bound);
    }

    @Test
    void componentsReadBackAsWritten() {
        Instant start = Instant.parse("2026-12-01T09:00:00.123Z");
        Bytes key = OrderedKey.builder().sizedEntry(EntryKey.occurrence("occ-1")).calendar(CALENDAR).instant(start)
                .entry(EntryKey.item("item-7")).build();

        OrderedKey.Reader reader = new OrderedKey.Reader(key);

        assertThat(reader.sizedEntry()).isEqualTo(EntryKey.occurrence("occ-1"));
        assertThat(reader.calendar()).isEqualTo(CALENDAR);
        assertThat(reader.instant()).isEqualTo(start);
        assertThat(reader.entry()).isEqualTo(EntryKey.item("item-7"));
    }

    @Test
    void earlierStopsAtTheSmallestInstantInsteadOfWrappingAround() {
        assertThat(OrderedKey.earlier(1_000, 400)).isEqualTo(600);
        assertThat(OrderedKey.earlier(Long.MIN_VALUE + 5, 10)).isEqualTo(Long.MIN_VALUE);
        assertThat(OrderedKey.earlier(-5, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
    }

    private static Bytes timeKey(CalendarId calendar, Instant start, EntryKey entry) {
        return OrderedKey.builder().calendar(calendar).instant(start).entry(entry).build();
    }

    private static boolean startsWith(Bytes key, Bytes prefix) {
        byte[] bytes = key.get();
        byte[] start = prefix.get();
        if (bytes.length < start.length) {
            return false;
        }
        for (int index = 0; index < start.length; index++) {
            if (bytes[index] != start[index]) {
                return false;
            }
        }
        return true;
    }
}
